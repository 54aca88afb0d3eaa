import { useMutation } from '@tanstack/react-query';
import { clusterIdResponseSchema, type RestoreSnapshotRequest } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ApiRequest } from '../../../lib/api-request.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';

export interface RestoreSnapshotVariables {
  id: string;
  body: RestoreSnapshotRequest;
}

/** The DWS call the BFF makes on the user's behalf, as the restore dialog's review shows it. */
export function restoreSnapshotRequest({ id, body }: RestoreSnapshotVariables) {
  const path = `/v1.0/{project_id}/snapshots/${encodeURIComponent(id)}/actions`;
  return { method: 'POST', path, body } satisfies ApiRequest;
}

/** Restoring makes a new cluster; its id comes back so the console can open it. */
export async function restoreSnapshot({ id, body }: RestoreSnapshotVariables): Promise<string> {
  const answer = await apiRequest(`/api/dws/snapshots/${encodeURIComponent(id)}/actions`, {
    method: 'POST',
    body,
  });
  return clusterIdResponseSchema.parse(answer).cluster.id;
}

/** The new cluster belongs to the clusters feature: the caller invalidates its list (see the app's routes). */
export function useRestoreSnapshotMutation() {
  return useMutation({
    mutationFn: restoreSnapshot,
    onError: (error) => rememberIfForbidden('snapshot.restore', error),
  });
}
