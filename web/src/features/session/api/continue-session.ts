import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionInfoSchema, type SessionInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

/** Tells the console the person is here: the idle deadline moves, and the session answers its new end. */
export async function continueSession(): Promise<SessionInfo> {
  return sessionInfoSchema.parse(await apiRequest('/api/session/activity', { method: 'POST' }));
}

export function useContinueSessionMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: continueSession,
    onSuccess: (session) => queryClient.setQueryData(sessionKeys.current(), session),
  });
}
