import { useParams } from 'react-router';
import { ClusterDetailPage } from '../../features/clusters/index.ts';
import { ClusterMonitoring } from '../../features/monitoring/index.ts';
import { ZoneSelect } from '../../features/node-types/index.ts';
import { ClusterSnapshots } from '../../features/snapshots/index.ts';
import { useDiagnoseInChat } from './diagnose-in-chat.ts';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';

export function ClusterDetailRoute() {
  const { id = '' } = useParams();
  const onRestored = useOpenRestoredCluster();
  const diagnose = useDiagnoseInChat();
  return (
    <ClusterDetailPage
      key={id}
      clusterId={id}
      snapshots={(cluster) => (
        <ClusterSnapshots cluster={cluster} zoneField={ZoneSelect} onRestored={onRestored} />
      )}
      monitoring={(cluster) => (
        <ClusterMonitoring
          clusterId={cluster.id}
          onDiagnose={(alarm) => diagnose({ query: alarm.event, shown: alarm.description })}
        />
      )}
    />
  );
}
