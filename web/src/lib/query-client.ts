import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

export interface SessionEvents {
  onSessionEnded: (client: QueryClient) => void;
  onProjectChanged: (client: QueryClient) => void;
}

/**
 * The `meta` of a query whose answer any write of the console changes (the operations log: CTS records every
 * write, a refused one as a warning), so that it is fetched again after each one instead of when its page is
 * next opened.
 */
export const followsWrites = { followsWrites: true } as const;

/**
 * One place reacts to an ended session: whichever call learns it first sends the user to log in,
 * remembering where they were; and to a session moved to another project by another window.
 */
export function createQueryClient({ onSessionEnded, onProjectChanged }: SessionEvents): QueryClient {
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    if (error.isSessionEnded) onSessionEnded(client);
    if (error.isProjectChanged) onProjectChanged(client);
  };
  const client = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({
      onError,
      // Not awaited: the write's own callbacks need not wait for the log.
      onSettled: () => {
        void client.invalidateQueries({ predicate: (query) => query.meta?.followsWrites === true });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  return client;
}
