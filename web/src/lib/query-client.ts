import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

export interface SessionEvents {
  onSessionEnded: (client: QueryClient) => void;
  onProjectChanged: (client: QueryClient) => void;
}

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
    mutationCache: new MutationCache({ onError }),
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
