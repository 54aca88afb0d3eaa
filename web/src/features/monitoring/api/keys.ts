import type { MonitoringRange } from '@dws-console/shared';

export const monitoringKeys = {
  all: ['monitoring'] as const,
  clusters: () => [...monitoringKeys.all, 'cluster'] as const,
  /** The current alarms of every cluster of the project (the overview). */
  project: () => [...monitoringKeys.all, 'project'] as const,
  cluster: (id: string, range: MonitoringRange) => [...monitoringKeys.clusters(), id, range] as const,
};
