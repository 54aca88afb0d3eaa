import { queryOptions, useQuery } from '@tanstack/react-query';
import { sessionInfoSchema, type SessionInfo } from '@dws-console/shared';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

const sessionPath = '/api/session';

/** The logged-in user, or `null` when there is no session (a 401 is an answer here, not an error). */
export async function getSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return sessionInfoSchema.parse(await apiRequest(sessionPath, { signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
  });

export function useSessionQuery() {
  return useQuery(sessionQueryOptions());
}
