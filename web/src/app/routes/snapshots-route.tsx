import { SnapshotsPage } from '../../features/snapshots/index.ts';
import { useClusterOptions } from './use-cluster-options.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';

export function SnapshotsRoute() {
  const clusters = useClusterOptions();
  const onRestored = useOpenRestoredCluster();
  return <SnapshotsPage clusters={clusters} onRestored={onRestored} />;
}
