import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';

export interface MonitoredCluster {
  instance: string;
  name: string;
  instances: string[];
  managed: boolean;
}

/** `{instance: {cluster_name, instances, managed}}`; older DBMind spells the list `intances`. */
export async function getMonitoredClusters(signal?: AbortSignal): Promise<MonitoredCluster[]> {
  const body = await apiRequest<{ data?: Record<string, Record<string, unknown>> }>('/api/dbmind/clusters', {
    signal,
  });
  return Object.entries(body.data ?? {}).map(([instance, info]) => {
    const list = info.instances ?? info.intances;
    return {
      instance,
      name: typeof info.cluster_name === 'string' ? info.cluster_name : instance,
      instances: Array.isArray(list) ? list.map(String) : [],
      managed: info.managed === true,
    };
  });
}

export const monitoredClustersQueryOptions = () =>
  queryOptions({ queryKey: chatKeys.clusters(), queryFn: ({ signal }) => getMonitoredClusters(signal) });

export function useMonitoredClustersQuery() {
  return useQuery(monitoredClustersQueryOptions());
}
