import { queryOptions, useQuery } from '@tanstack/react-query';
import { projectAlarmsSchema, type ProjectAlarms } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { monitoringKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

/** Each look asks DBMind once per cluster: often enough for an overview, light on DBMind. */
const refreshMs = 30_000;

export async function getProjectAlarms(signal?: AbortSignal): Promise<ProjectAlarms> {
  return projectAlarmsSchema.parse(await apiRequest('/api/alarms', { signal }));
}

export const projectAlarmsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: monitoringKeys.project(projectId),
    queryFn: ({ signal }) => getProjectAlarms(signal),
    refetchInterval: refreshMs,
  });

export function useProjectAlarmsQuery() {
  return useQuery(projectAlarmsQueryOptions(useProjectId()));
}
