import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';

export interface DeleteClusterVariables {
  id: string;
  keepLastManualSnapshot: number;
}

export async function deleteCluster({ id, keepLastManualSnapshot }: DeleteClusterVariables): Promise<void> {
  await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    body: { keep_last_manual_snapshot: keepLastManualSnapshot },
  });
}

export function useDeleteClusterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCluster,
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: clusterKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: clusterKeys.lists() });
    },
    onError: (error) => rememberIfForbidden('cluster.delete', error),
  });
}
