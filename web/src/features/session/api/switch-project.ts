import { useMutation, useQueryClient, type Query } from '@tanstack/react-query';
import { sessionInfoSchema, switchProjectRequestSchema, type SessionInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { forgetPermissions } from '../../../lib/permissions.ts';
import { isOtherProjectKey } from '../../../lib/session-scope.tsx';
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
      queryClient.setQueryData(sessionKeys.current(), session);
      const old = { predicate: (query: Query) => isOtherProjectKey(query.queryKey, session.project.id) };
      void queryClient.cancelQueries(old);
      queryClient.removeQueries(old);
    },
  });
}
