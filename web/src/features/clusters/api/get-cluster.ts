import { queryOptions, useQuery } from '@tanstack/react-query';
import { clusterDetailResponseSchema, type ClusterDetail } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { detailRefetchInterval } from './is-transitional.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function getCluster(id: string, signal?: AbortSignal): Promise<ClusterDetail> {
  const body = await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}`, { signal });
  return clusterDetailResponseSchema.parse(body).cluster;
}

export const clusterQueryOptions = (projectId: string, id: string) =>
  queryOptions({
    queryKey: clusterKeys.detail(projectId, id),
    queryFn: ({ signal }) => getCluster(id, signal),
    refetchInterval: (query) => detailRefetchInterval(query.state.data),
  });

export function useClusterQuery(id: string) {
  return useQuery(clusterQueryOptions(useProjectId(), id));
}
