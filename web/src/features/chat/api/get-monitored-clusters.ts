import { queryOptions, useQuery } from '@tanstack/react-query';
import { dbmindClusterMapSchema, dbmindEnvelopeSchema } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export interface MonitoredCluster {
  instance: string;
  /** Empty until the cluster is registered with DBMind. */
  name: string;
  instances: string[];
  /** Registered with DBMind (GaussMaster's `managed`): only then can it be asked about. */
  managed: boolean;
}

const clustersResponseSchema = dbmindEnvelopeSchema(dbmindClusterMapSchema);

/** The project's clusters as DBMind knows them (`{instance: {cluster_name, instances, managed}}`). */
export async function getMonitoredClusters(signal?: AbortSignal): Promise<MonitoredCluster[]> {
  const body = clustersResponseSchema.parse(await apiRequest('/api/dbmind/clusters', { signal }));
  if (!body.success) throw new Error(body.msg);
  return Object.entries(body.data).map(([instance, cluster]) => ({
    instance,
    name: cluster.cluster_name,
    instances: cluster.instances,
    managed: cluster.managed,
  }));
}

export const monitoredClustersQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: chatKeys.clusters(projectId),
    queryFn: ({ signal }) => getMonitoredClusters(signal),
  });

export function useMonitoredClustersQuery() {
  return useQuery(monitoredClustersQueryOptions(useProjectId()));
}
