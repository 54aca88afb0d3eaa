import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { rememberIfForbidden } from '../../../lib/permissions.ts';

export interface ResetPasswordVariables {
  id: string;
  newPassword: string;
}

export async function resetPassword({ id, newPassword }: ResetPasswordVariables): Promise<void> {
  await apiRequest(`/api/dws/clusters/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    body: { new_password: newPassword },
  });
}

/** Nothing the console shows changes with the password, so nothing is invalidated. */
export function useResetPasswordMutation() {
  return useMutation({
    mutationFn: resetPassword,
    onError: (error) => rememberIfForbidden('cluster.resetPassword', error),
  });
}
