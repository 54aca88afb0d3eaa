import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

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
  const projectId = useProjectId();
  return useMutation({
    mutationFn: deleteCluster,
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: clusterKeys.detail(projectId, id) });
      return queryClient.invalidateQueries({ queryKey: clusterKeys.lists(projectId) });
    },
    onError: (error) => rememberIfForbidden('cluster.delete', error),
  });
}
