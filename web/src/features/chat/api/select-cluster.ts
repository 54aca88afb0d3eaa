import { useMutation } from '@tanstack/react-query';
import type { SelectClusterRequest } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';

export async function selectCluster(request: SelectClusterRequest): Promise<boolean> {
  const body = await apiRequest<{ data?: unknown }>('/api/dbmind/clusters', { method: 'PUT', body: request });
  return body.data === true;
}

export function useSelectClusterMutation() {
  return useMutation({ mutationFn: selectCluster });
}
