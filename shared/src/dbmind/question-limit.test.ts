import { describe, expect, it } from 'vitest';
import { askRequestSchema } from '../chat/chat-api.ts';
import { interactionRequestSchema } from './interaction.ts';
import { dbmindMaxQuestionLength } from './question-limit.ts';

describe('the question length limit', () => {
  const ids = { session_id: 'chat_1', mode: 'tool_interaction' } as const;
  const console = (query: string) => askRequestSchema.safeParse({ ...ids, query });
  const dbmind = (query: string) =>
    interactionRequestSchema.safeParse({ ...ids, user_id: 'demo_admin', query });

  it('is 10,240 characters on both sides: the BFF accepts exactly what DBMind accepts', () => {
    expect(dbmindMaxQuestionLength).toBe(10_240);
    const longest = '慢'.repeat(dbmindMaxQuestionLength);
    expect(console(longest).success).toBe(true);
    expect(dbmind(longest).success).toBe(true);
  });

  it('refuses one character more on both sides, naming the rule', () => {
    const tooLong = 'a'.repeat(dbmindMaxQuestionLength + 1);
    for (const result of [console(tooLong), dbmind(tooLong)]) {
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['query'],
        message: 'must be at most 10240 characters',
      });
    }
  });
});
