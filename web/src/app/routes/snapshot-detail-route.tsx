import { useMemo } from 'react';
import { useParams } from 'react-router';
import { SnapshotDetailPage } from '../../features/snapshots/index.ts';
import { useClusterOptions } from './use-cluster-options.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';

export function SnapshotDetailRoute() {
  const { id = '' } = useParams();
  const clusters = useClusterOptions();
  const clusterNames = useMemo(() => new Map(clusters.map((c) => [c.id, c.name])), [clusters]);
  const onRestored = useOpenRestoredCluster();
  return <SnapshotDetailPage key={id} snapshotId={id} clusterNames={clusterNames} onRestored={onRestored} />;
}
