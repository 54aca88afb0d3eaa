import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logOutAnswerSchema } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

/** Ends the session; a single sign-on session answers where the identity provider ends its own. */
export async function logOut(): Promise<string | undefined> {
  const answer = await apiRequest('/api/session', { method: 'DELETE' });
  return answer ? logOutAnswerSchema.parse(answer).logoutUrl : undefined;
}

export function useLogOutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logOut,
    onSuccess: (logoutUrl) => {
      // RP-initiated log-out: the provider's session ends too, and it sends the browser back to the log-in page.
      if (logoutUrl) window.location.assign(logoutUrl);
    },
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.current(), null);
    },
  });
}
