import { ZoneSelect } from '../../features/node-types/index.ts';
import { SnapshotsPage } from '../../features/snapshots/index.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';
import { useProjectClusters } from './use-project-clusters.ts';

export function SnapshotsRoute() {
  const clusters = useProjectClusters();
  const onRestored = useOpenRestoredCluster();
  return <SnapshotsPage clusters={clusters} zoneField={ZoneSelect} onRestored={onRestored} />;
}
