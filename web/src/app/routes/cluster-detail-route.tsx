import { useParams } from 'react-router';
import { ClusterDetailPage } from '../../features/clusters/index.ts';
import { ClusterMonitoring } from '../../features/monitoring/index.ts';
import { ZoneSelect } from '../../features/node-types/index.ts';
import { ClusterSnapshots } from '../../features/snapshots/index.ts';
import { ClusterEvents, useTracesT } from '../../features/traces/index.ts';
import { useAssistant } from '../assistant-context.tsx';
import { useOpenRestoredCluster } from './use-open-restored-cluster.ts';

export function ClusterDetailRoute() {
  const { id = '' } = useParams();
  const onRestored = useOpenRestoredCluster();
  const assistant = useAssistant();
  const tTraces = useTracesT();
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
          // The panel beside the page diagnoses the alarm in fault-diagnosis mode; the page stays in view.
          onDiagnose={(alarm) => assistant.open({ query: alarm.event, shown: alarm.description })}
        />
      )}
      events={{ title: tTraces('events'), render: (cluster) => <ClusterEvents clusterId={cluster.id} /> }}
    />
  );
}
