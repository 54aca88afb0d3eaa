import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationLimits, type StoredAnswer, type Turn } from '@dws-console/shared';
import { connectRedis } from '../auth/redis-session-store.ts';
import { startRedis } from '../testing/redis-server.ts';
import { conversationTtlMs, MemoryConversationStore, type ConversationStore } from './conversation-store.ts';
import { RedisConversationStore } from './redis-conversation-store.ts';

/** The same bounds and the same owner separation, whichever store keeps the conversations. */

let redis: Awaited<ReturnType<typeof startRedis>>;
let client: Redis;
let clock = 1_700_000_000_000;
const now = () => clock;

beforeAll(async () => {
  redis = await startRedis();
  client = connectRedis(redis.url);
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const answer: StoredAnswer = { status: 'done', last_event_id: 2, progress: ['DONE'], elements: [] };
let n = 0;
const hex = () => (n++).toString(16).padStart(16, '0');
const conversation = (title = 'a') => ({
  id: `c_${hex()}`,
  title,
  mode: 'tool_interaction' as const,
  history_len: 1 as const,
  created_at: clock,
  updated_at: clock,
});
const turn = (question = 'q'): Turn => ({
  id: `t_${hex()}`,
  question,
  mode: 'tool_interaction',
  asked_at: clock,
  answer: { ...answer, status: 'streaming' },
});

describe.each([
  ['memory', () => new MemoryConversationStore({ now })],
  ['Redis', () => new RedisConversationStore(client, { now })],
] as [string, () => ConversationStore][])('the %s store', (_name, make) => {
  it('keeps turns and answers, per owner', async () => {
    const store = make();
    const owner = `u_${hex()}`;
    const created = await store.create(owner, conversation('first'));
    const asked = turn('当前有哪些数据库？');
    expect(await store.appendTurn(owner, created.id, asked)).toEqual(asked);
    clock += 1000;
    expect(await store.updateTurn(owner, created.id, asked.id, answer)).toEqual({ ...asked, answer });
    expect(await store.update(owner, created.id, { title: 'renamed' })).toMatchObject({
      title: 'renamed',
      turn_count: 1,
    });
    expect(await store.get(owner, created.id)).toMatchObject({ title: 'renamed', turns: [{ answer }] });
    // Another owner does not see it, cannot change it, cannot delete it.
    expect(await store.list('u_someone_else')).toEqual([]);
    expect(await store.get('u_someone_else', created.id)).toBeUndefined();
    expect(await store.appendTurn('u_someone_else', created.id, turn())).toBe('missing');
    expect(await store.remove('u_someone_else', created.id)).toBe(false);
    expect(await store.remove(owner, created.id)).toBe(true);
    expect(await store.list(owner)).toEqual([]);
  });

  it('keeps turns within the byte budgets of a conversation and of its user, freed by deleting', async () => {
    const store = make();
    const owner = `u_${hex()}`;
    // About 300 KB stored each: seven fill a conversation's 2 MiB, the eighth does not fit.
    const large = () => ({
      ...turn(),
      answer: { ...answer, elements: [{ type: 'str' as const, content: 'x'.repeat(300_000) }] },
    });
    const appendUntilRefused = async (id: string) => {
      for (;;) {
        const appended = await store.appendTurn(owner, id, large());
        if (typeof appended === 'string') return appended;
      }
    };
    const first = await store.create(owner, conversation('first'));
    expect(await appendUntilRefused(first.id)).toBe('conversation-bytes');
    const ids = [first.id];
    let refusal: string | undefined;
    while (refusal === undefined) {
      const next = await store.create(owner, conversation('more'));
      ids.push(next.id);
      const appended = await appendUntilRefused(next.id);
      if (appended !== 'conversation-bytes') refusal = appended;
    }
    expect(refusal).toBe('user-bytes');
    // Four conversations of six turns, and three more in a fifth, fill 8 MiB.
    expect(ids).toHaveLength(5);
    // A grown answer counts too.
    const last = ids.at(-1)!;
    const small = turn();
    const room = await store.create(owner, conversation('room'));
    expect(await store.remove(owner, first.id)).toBe(true);
    expect(await store.appendTurn(owner, room.id, small)).toEqual(small);
    expect(await store.appendTurn(owner, last, large())).not.toBe('user-bytes');
    const grown = { ...answer, elements: [{ type: 'str' as const, content: 'x'.repeat(3_000_000) }] };
    expect(await store.updateTurn(owner, room.id, small.id, grown)).toBe('conversation-bytes');
    // Another owner's budget is untouched.
    const other = `u_${hex()}`;
    const theirs = await store.create(other, conversation('theirs'));
    expect(typeof (await store.appendTurn(other, theirs.id, large()))).toBe('object');
  });

  it(`keeps ${conversationLimits.perUser} conversations, forgetting the least recently used`, async () => {
    const store = make();
    const owner = `u_${hex()}`;
    const first = await store.create(owner, conversation('oldest'));
    for (let i = 0; i < conversationLimits.perUser; i += 1) {
      clock += 1;
      await store.create(owner, { ...conversation(`c${i}`), updated_at: clock });
    }
    const list = await store.list(owner);
    expect(list).toHaveLength(conversationLimits.perUser);
    expect(list.map((c) => c.id)).not.toContain(first.id);
    expect(list[0]?.title).toBe(`c${conversationLimits.perUser - 1}`);
  });

  it(`refuses turn ${conversationLimits.turns + 1}, and forgets what is unused for ${conversationLimits.keepDays} days`, async () => {
    const store = make();
    const owner = `u_${hex()}`;
    const created = await store.create(owner, conversation());
    for (let i = 0; i < conversationLimits.turns; i += 1) await store.appendTurn(owner, created.id, turn());
    expect(await store.appendTurn(owner, created.id, turn())).toBe('full');
    clock += conversationTtlMs;
    expect(await store.list(owner)).toEqual([]);
    expect(await store.get(owner, created.id)).toBeUndefined();
  });
});
