import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionInfoSchema, switchProjectRequestSchema, type SessionInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { forgetPermissions } from '../../../lib/permissions.ts';
import { sessionKeys } from './keys.ts';

export async function switchProject(project: string): Promise<SessionInfo> {
  const body = switchProjectRequestSchema.parse({ project });
  return sessionInfoSchema.parse(await apiRequest('/api/session/project', { method: 'PUT', body }));
}

/**
 * Every cached answer belongs to the old project: the cache is emptied and the new session put in, so that each
 * page on screen asks again, now for the new project. Refusals learnt in the old project say nothing of this one.
 */
export function useSwitchProjectMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchProject,
    onSuccess: (session) => {
      forgetPermissions();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.current(), session);
      void queryClient.invalidateQueries();
    },
  });
}
