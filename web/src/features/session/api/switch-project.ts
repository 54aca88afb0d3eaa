import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { sessionInfoSchema, switchProjectRequestSchema, type SessionInfo } from '@dws-console/shared';
import { apiRequest, showProject } from '../../../lib/api-client.ts';
import { forgetPermissions } from '../../../lib/permissions.ts';
import { forgetOtherProjects } from '../../../lib/session-scope.tsx';
import { sessionKeys } from './keys.ts';

export async function switchProject(project: string): Promise<SessionInfo> {
  const body = switchProjectRequestSchema.parse({ project });
  return sessionInfoSchema.parse(await apiRequest('/api/session/project', { method: 'PUT', body }));
}

/**
 * The new session goes in first: every project-scoped key names the project, so the pages on screen then ask for
 * the new project's answers under new keys and draw nothing of the old one meanwhile (the shell also draws them
 * afresh). The old project's answers are dropped, with any of its requests still running, so none comes back later.
 * Refusals learnt in the old project say nothing of this one.
 */
export function useSwitchProjectMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchProject,
    onSuccess: (session) => {
      forgetPermissions();
      showProject(session.project.id);
      queryClient.setQueryData(sessionKeys.current(), session);
      forgetOtherProjects(queryClient, session.project.id);
    },
  });
}

/**
 * Another window moved the session to another project: the session is asked again, and the pages follow it as
 * after a switch made here.
 */
export async function followMovedSession(queryClient: QueryClient): Promise<void> {
  forgetPermissions();
  await queryClient.refetchQueries({ queryKey: sessionKeys.current() });
  const session = queryClient.getQueryData<SessionInfo | null>(sessionKeys.current());
  if (session) forgetOtherProjects(queryClient, session.project.id);
}
