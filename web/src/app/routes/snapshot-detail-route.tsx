import { useParams } from 'react-router';
import { ZoneSelect } from '../../features/node-types/index.ts';
import { SnapshotDetailPage } from '../../features/snapshots/index.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';
import { useProjectClusters } from './use-project-clusters.ts';

export function SnapshotDetailRoute() {
  const { id = '' } = useParams();
  const clusters = useProjectClusters();
  const onRestored = useOpenRestoredCluster();
  return (
    <SnapshotDetailPage
      key={id}
      snapshotId={id}
      clusters={clusters}
      zoneField={ZoneSelect}
      onRestored={onRestored}
    />
  );
}
