import { queryOptions, useQuery } from '@tanstack/react-query';
import { snapshotDetailResponseSchema, type Snapshot } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { snapshotKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function getSnapshot(id: string, signal?: AbortSignal): Promise<Snapshot> {
  const body = await apiRequest(`/api/dws/snapshots/${encodeURIComponent(id)}`, { signal });
  return snapshotDetailResponseSchema.parse(body).snapshot;
}

export const snapshotQueryOptions = (projectId: string, id: string) =>
  queryOptions({
    queryKey: snapshotKeys.detail(projectId, id),
    queryFn: ({ signal }) => getSnapshot(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'CREATING' ? 3_000 : false),
  });

export function useSnapshotQuery(id: string) {
  return useQuery(snapshotQueryOptions(useProjectId(), id));
}
