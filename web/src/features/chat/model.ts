import type { StoredAnswer } from '@dws-console/shared';

/** An answer as the conversation shows it: what the BFF stored, or what its stream has said so far. */
export type AnswerState = StoredAnswer;

export const isRunning = (answer: Pick<AnswerState, 'status'>) =>
  answer.status === 'asking' || answer.status === 'streaming';

export const emptyAnswer = (status: AnswerState['status']): AnswerState => ({
  status,
  last_event_id: 0,
  progress: [],
  elements: [],
});
