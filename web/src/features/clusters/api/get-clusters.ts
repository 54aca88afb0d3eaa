import { queryOptions, useQuery } from '@tanstack/react-query';
import { clusterListResponseSchema, type ClusterListResponse } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { listRefetchInterval } from './is-transitional.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

const clustersPath = '/api/dws/clusters';

export async function getClusters(signal?: AbortSignal): Promise<ClusterListResponse> {
  return clusterListResponseSchema.parse(await apiRequest(clustersPath, { signal }));
}

export const clustersQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: clusterKeys.lists(projectId),
    queryFn: ({ signal }) => getClusters(signal),
    refetchInterval: (query) => listRefetchInterval(query.state.data?.clusters),
  });

export function useClustersQuery() {
  return useQuery(clustersQueryOptions(useProjectId()));
}
