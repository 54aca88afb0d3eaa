import { queryOptions, useQuery } from '@tanstack/react-query';
import { clusterBindingSchema, type ClusterBinding } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

/** The DBMind instance of a DWS cluster of the session's project, and whether DBMind has it registered. */
export async function getClusterBinding(clusterId: string, signal?: AbortSignal): Promise<ClusterBinding> {
  return clusterBindingSchema.parse(
    await apiRequest(`/api/dbmind/clusters/${encodeURIComponent(clusterId)}/binding`, { signal }),
  );
}

export const clusterBindingQueryOptions = (projectId: string, clusterId: string) =>
  queryOptions({
    queryKey: chatKeys.binding(projectId, clusterId),
    queryFn: ({ signal }) => getClusterBinding(clusterId, signal),
  });

export function useClusterBindingQuery(clusterId: string | undefined) {
  return useQuery({
    ...clusterBindingQueryOptions(useProjectId(), clusterId ?? ''),
    enabled: Boolean(clusterId),
  });
}
