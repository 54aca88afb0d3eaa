import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function restartCluster(id: string): Promise<void> {
  await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}/restart`, {
    method: 'POST',
    body: { restart: {} },
  });
}

export function useRestartClusterMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: restartCluster,
    // The detail and the list both show the task that just started.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all(projectId) }),
    onError: (error) => rememberIfForbidden('cluster.restart', error),
  });
}
