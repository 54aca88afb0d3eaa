import { askAcceptedSchema, type AskAccepted, type AskRequest } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';

/** Sends a question; the answer is then read from `events` with EventSource. */
export async function ask(request: AskRequest): Promise<AskAccepted> {
  return askAcceptedSchema.parse(
    await apiRequest('/api/dbmind/intelligent-interaction', { method: 'POST', body: request }),
  );
}

export async function stopAnswer(answerId: string): Promise<void> {
  await apiRequest(`/api/dbmind/answers/${encodeURIComponent(answerId)}`, { method: 'DELETE' });
}
