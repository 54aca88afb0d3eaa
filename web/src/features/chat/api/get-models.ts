import { queryOptions, useQuery } from '@tanstack/react-query';
import { dbmindEnvelopeSchema, llmListSchema } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';

const modelsResponseSchema = dbmindEnvelopeSchema(llmListSchema);

/** DBMind lists models by kind (`local`, `online`); the console offers all of them. */
export async function getModels(signal?: AbortSignal): Promise<string[]> {
  const body = modelsResponseSchema.parse(await apiRequest('/api/dbmind/llms', { signal }));
  if (!body.success) throw new Error(body.msg);
  return [...new Set([...body.data.local, ...body.data.online])];
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
