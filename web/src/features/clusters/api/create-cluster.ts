import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clusterIdResponseSchema, type CreateClusterInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';

export async function createCluster(cluster: CreateClusterInfo): Promise<string> {
  const body = await apiRequest('/api/dws/clusters', { method: 'POST', body: { cluster } });
  return clusterIdResponseSchema.parse(body).cluster.id;
}

export function useCreateClusterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCluster,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.lists() }),
    onError: (error) => rememberIfForbidden('cluster.create', error),
  });
}
