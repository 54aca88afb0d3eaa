import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

export async function logOut(): Promise<void> {
  await apiRequest('/api/session', { method: 'DELETE' });
}

export function useLogOutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.current(), null);
    },
  });
}
