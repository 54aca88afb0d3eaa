import { useMutation, useQueryClient } from '@tanstack/react-query';
import { snapshotIdResponseSchema, type CreateSnapshotInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { snapshotKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function createSnapshot(snapshot: CreateSnapshotInfo): Promise<string> {
  const body = await apiRequest('/api/dws/snapshots', { method: 'POST', body: { snapshot } });
  return snapshotIdResponseSchema.parse(body).snapshot.id;
}

export function useCreateSnapshotMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: createSnapshot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: snapshotKeys.lists(projectId) }),
    onError: (error) => rememberIfForbidden('snapshot.create', error),
  });
}
