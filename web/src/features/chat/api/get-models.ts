import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';

/** DBMind lists models by kind (`local`/`offline`, `online`); the console offers all of them. */
export async function getModels(signal?: AbortSignal): Promise<string[]> {
  const body = await apiRequest<{ data?: unknown }>('/api/dbmind/llms', { signal });
  const groups = typeof body.data === 'object' && body.data !== null ? Object.values(body.data) : [];
  return [...new Set(groups.flatMap((group) => (Array.isArray(group) ? group.map(String) : [])))];
}

export const modelsQueryOptions = () =>
  queryOptions({
    queryKey: chatKeys.models(),
    queryFn: ({ signal }) => getModels(signal),
    staleTime: 60_000,
  });

export function useModelsQuery() {
  return useQuery(modelsQueryOptions());
}
