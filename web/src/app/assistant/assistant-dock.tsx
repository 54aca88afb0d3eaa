import { useQuery } from '@tanstack/react-query';
import { clusterQueryOptions } from '../../features/clusters/index.ts';
import { useProjectId } from '../../lib/session-scope.tsx';
import { AssistantPanel, type Diagnosis } from '../../features/chat/index.ts';

export interface AssistantDockProps {
  /** The DWS cluster whose page is in view. */
  clusterId: string | undefined;
  diagnose?: Diagnosis;
  onDiagnoseAsked: () => void;
}

/** The panel, told which cluster is in view (its name and administrator come from DWS). */
export function AssistantDock({ clusterId, diagnose, onDiagnoseAsked }: AssistantDockProps) {
  const cluster = useQuery({
    ...clusterQueryOptions(useProjectId(), clusterId ?? ''),
    enabled: Boolean(clusterId),
  });
  const inView = clusterId && cluster.data ? cluster.data : undefined;
  return (
    <AssistantPanel
      cluster={inView ? { id: inView.id, name: inView.name, userName: inView.user_name ?? '' } : undefined}
      diagnose={diagnose}
      onDiagnoseAsked={onDiagnoseAsked}
    />
  );
}
