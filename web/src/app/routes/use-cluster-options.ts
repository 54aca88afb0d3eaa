import { useMemo } from 'react';
import { useClustersQuery } from '../../features/clusters/index.ts';

/** Cluster names and ids for the snapshots pages, which cannot reach into the clusters feature themselves. */
export function useClusterOptions() {
  const clusters = useClustersQuery();
  return useMemo(
    () => clusters.data?.clusters.map((c) => ({ id: c.id, name: c.name })) ?? [],
    [clusters.data],
  );
}
