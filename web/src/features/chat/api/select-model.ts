import { useMutation } from '@tanstack/react-query';
import type { SelectModelRequest } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';

/** Answers whether DBMind switched the conversation's model (`data: true`). */
export async function selectModel(request: SelectModelRequest): Promise<boolean> {
  const body = await apiRequest<{ data?: unknown }>('/api/dbmind/llms', { method: 'PUT', body: request });
  return body.data === true;
}

export function useSelectModelMutation() {
  return useMutation({ mutationFn: selectModel });
}
