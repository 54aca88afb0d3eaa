import { queryOptions, useQuery } from '@tanstack/react-query';
import { defaultModel, llmListResponseSchema } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';

export interface Models {
  names: string[];
  /** What DBMind answers with when a conversation chose no model: its own, local one. */
  fallback: string | undefined;
}

/** DBMind lists models by kind (`local`, `online`); the console offers all of them. */
export async function getModels(signal?: AbortSignal): Promise<Models> {
  const body = llmListResponseSchema.parse(await apiRequest('/api/dbmind/llms', { signal }));
  if (!body.success) throw new Error(body.msg);
  return {
    names: [...new Set([...body.data.local, ...body.data.online])],
    fallback: defaultModel(body.data),
  };
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
