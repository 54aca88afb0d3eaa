import { queryOptions, useQuery } from '@tanstack/react-query';
import { clusterMonitoringSchema, type ClusterMonitoring, type MonitoringRange } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { monitoringKeys } from './keys.ts';

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

export const clusterMonitoringQueryOptions = (variables: ClusterMonitoringVariables) =>
  queryOptions({
    queryKey: monitoringKeys.cluster(variables.clusterId, variables.range),
    queryFn: ({ signal }) => getClusterMonitoring(variables, signal),
    refetchInterval: refreshMs,
    placeholderData: (previous) => previous,
  });

export function useClusterMonitoringQuery(variables: ClusterMonitoringVariables) {
  return useQuery(clusterMonitoringQueryOptions(variables));
}
