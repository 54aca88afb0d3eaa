import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { snapshotKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function deleteSnapshot(id: string): Promise<void> {
  await apiRequest(`/api/dws/snapshots/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteSnapshotMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: deleteSnapshot,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: snapshotKeys.detail(projectId, id) });
      return queryClient.invalidateQueries({ queryKey: snapshotKeys.lists(projectId) });
    },
    onError: (error) => rememberIfForbidden('snapshot.delete', error),
  });
}
