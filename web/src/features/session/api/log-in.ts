import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionInfoSchema, type LoginRequest, type SessionInfo } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

export async function logIn(credentials: LoginRequest): Promise<SessionInfo> {
  return sessionInfoSchema.parse(await apiRequest('/api/session', { method: 'POST', body: credentials }));
}

export function useLogInMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logIn,
    onSuccess: (session) => {
      // Whatever was cached belonged to the previous user or project.
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.current(), session);
    },
  });
}
