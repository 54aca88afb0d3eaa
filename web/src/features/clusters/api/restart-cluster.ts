import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';

export async function restartCluster(id: string): Promise<void> {
  await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}/restart`, {
    method: 'POST',
    body: { restart: {} },
  });
}

export function useRestartClusterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restartCluster,
    // The detail and the list both show the task that just started.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all }),
    onError: (error) => rememberIfForbidden('cluster.restart', error),
  });
}
