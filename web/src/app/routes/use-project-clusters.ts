import type { ClusterInfo } from '@dws-console/shared';
import { useClustersQuery } from '../../features/clusters/index.ts';

const noClusters: ClusterInfo[] = [];

/** The project's clusters for the snapshots pages, which cannot reach into the clusters feature themselves. */
export function useProjectClusters(): ClusterInfo[] {
  return useClustersQuery().data?.clusters ?? noClusters;
}
