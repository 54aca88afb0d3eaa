import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export interface ResizeClusterVariables {
  id: string;
  /** Nodes to add. */
  count: number;
}

export async function resizeCluster({ id, count }: ResizeClusterVariables): Promise<void> {
  await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}/resize`, {
    method: 'POST',
    body: { scale_out: { count } },
  });
}

export function useResizeClusterMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: resizeCluster,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all(projectId) }),
    onError: (error) => rememberIfForbidden('cluster.resize', error),
  });
}
