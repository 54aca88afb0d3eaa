import { useMutation } from '@tanstack/react-query';
import { clusterIdResponseSchema, type RestoreInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';

export interface RestoreSnapshotVariables {
  id: string;
  restore: RestoreInfo;
}

/** Restoring makes a new cluster; its id comes back so the console can open it. */
export async function restoreSnapshot({ id, restore }: RestoreSnapshotVariables): Promise<string> {
  const body = await apiRequest(`/api/dws/snapshots/${encodeURIComponent(id)}/actions`, {
    method: 'POST',
    body: { restore },
  });
  return clusterIdResponseSchema.parse(body).cluster.id;
}

/** The new cluster belongs to the clusters feature: the caller invalidates its list (see the app's routes). */
export function useRestoreSnapshotMutation() {
  return useMutation({
    mutationFn: restoreSnapshot,
    onError: (error) => rememberIfForbidden('snapshot.restore', error),
  });
}
