import { queryOptions, useQuery } from '@tanstack/react-query';
import { sessionProjectsSchema, type SessionProjects } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

export async function getProjects(signal?: AbortSignal): Promise<SessionProjects> {
  return sessionProjectsSchema.parse(await apiRequest('/api/session/projects', { signal }));
}

export const projectsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.projects(),
    queryFn: ({ signal }) => getProjects(signal),
    staleTime: 5 * 60_000,
  });

export function useProjectsQuery(isEnabled = true) {
  return useQuery({ ...projectsQueryOptions(), enabled: isEnabled });
}
