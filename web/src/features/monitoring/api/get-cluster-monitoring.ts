import { queryOptions, useQuery } from '@tanstack/react-query';
import { clusterMonitoringSchema, type ClusterMonitoring, type MonitoringRange } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { monitoringKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export interface ClusterMonitoringVariables {
  clusterId: string;
  range: MonitoringRange;
}

/** DBMind samples every few seconds; the panel follows at a pace that keeps DBMind's load small. */
const refreshMs = 15_000;

export async function getClusterMonitoring(
  { clusterId, range }: ClusterMonitoringVariables,
  signal?: AbortSignal,
): Promise<ClusterMonitoring> {
  const body = await apiRequest(
    `/api/monitoring/clusters/${encodeURIComponent(clusterId)}?range=${encodeURIComponent(range)}`,
    { signal },
  );
  return clusterMonitoringSchema.parse(body);
}

export const clusterMonitoringQueryOptions = (projectId: string, variables: ClusterMonitoringVariables) =>
  queryOptions({
    queryKey: monitoringKeys.cluster(projectId, variables.clusterId, variables.range),
    queryFn: ({ signal }) => getClusterMonitoring(variables, signal),
    refetchInterval: refreshMs,
    // Another range keeps the charts on screen while it loads; another project's never are.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === projectId ? previous : undefined,
  });

export function useClusterMonitoringQuery(variables: ClusterMonitoringVariables) {
  return useQuery(clusterMonitoringQueryOptions(useProjectId(), variables));
}
