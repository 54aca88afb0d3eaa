import { queryOptions, useQuery } from '@tanstack/react-query';
import { snapshotListResponseSchema, type Snapshot } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { snapshotKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function getSnapshots(signal?: AbortSignal): Promise<Snapshot[]> {
  return snapshotListResponseSchema.parse(await apiRequest('/api/dws/snapshots', { signal })).snapshots;
}

/** A snapshot being written changes by itself: look again until none is. */
export const snapshotsRefetchInterval = (snapshots: readonly Snapshot[] | undefined) =>
  snapshots?.some((s) => s.status === 'CREATING') ? 3_000 : false;

export const snapshotsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: snapshotKeys.lists(projectId),
    queryFn: ({ signal }) => getSnapshots(signal),
    refetchInterval: (query) => snapshotsRefetchInterval(query.state.data),
    // Deleting a cluster removes its snapshots on the service's side when the deletion finishes, which no call
    // of this feature sees: a list opened afterwards must not show them from the cache.
    refetchOnMount: 'always',
  });

export function useSnapshotsQuery() {
  return useQuery(snapshotsQueryOptions(useProjectId()));
}
