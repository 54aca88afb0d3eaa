import { queryOptions, useQuery } from '@tanstack/react-query';
import { signInOptionsSchema, type SignInOptions } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

/** How this console lets people sign in: the password form, single sign-on, or both. */
export async function getSignInOptions(signal?: AbortSignal): Promise<SignInOptions> {
  return signInOptionsSchema.parse(await apiRequest('/api/session/sign-in', { signal }));
}

export const signInOptionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.signIn(),
    queryFn: ({ signal }) => getSignInOptions(signal),
    staleTime: Infinity,
    retry: false,
  });

export function useSignInOptionsQuery() {
  return useQuery(signInOptionsQueryOptions());
}
