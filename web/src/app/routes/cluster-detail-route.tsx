import { useParams } from 'react-router';
import { ClusterDetailPage } from '../../features/clusters/index.ts';
import { ClusterSnapshots } from '../../features/snapshots/index.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';

export function ClusterDetailRoute() {
  const { id = '' } = useParams();
  const onRestored = useOpenRestoredCluster();
  return (
    <ClusterDetailPage
      key={id}
      clusterId={id}
      snapshots={(cluster) => (
        <ClusterSnapshots clusterId={cluster.id} clusterName={cluster.name} onRestored={onRestored} />
      )}
    />
  );
}
