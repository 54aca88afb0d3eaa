import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clusterIdResponseSchema, type CreateClusterInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ApiRequest } from '../../../lib/api-request.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';
import { clusterKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

/** The DWS call the BFF makes on the user's behalf, as the wizard's review step shows it. */
export function createClusterRequest(cluster: CreateClusterInfo) {
  return { method: 'POST', path: '/v1.0/{project_id}/clusters', body: { cluster } } satisfies ApiRequest;
}

export async function createCluster(cluster: CreateClusterInfo): Promise<string> {
  const { body } = createClusterRequest(cluster);
  const answer = await apiRequest('/api/dws/clusters', { method: 'POST', body });
  return clusterIdResponseSchema.parse(answer).cluster.id;
}

export function useCreateClusterMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: createCluster,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.lists(projectId) }),
    onError: (error) => rememberIfForbidden('cluster.create', error),
  });
}
