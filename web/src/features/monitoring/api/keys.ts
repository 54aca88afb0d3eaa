import type { MonitoringRange } from '@dws-console/shared';
import { projectKey } from '../../../lib/session-scope.tsx';

export const monitoringKeys = {
  all: (projectId: string) => [...projectKey(projectId), 'monitoring'] as const,
  clusters: (projectId: string) => [...monitoringKeys.all(projectId), 'cluster'] as const,
  /** The current alarms of every cluster of the project (the overview). */
  project: (projectId: string) => [...monitoringKeys.all(projectId), 'project'] as const,
  cluster: (projectId: string, id: string, range: MonitoringRange) =>
    [...monitoringKeys.clusters(projectId), id, range] as const,
};
