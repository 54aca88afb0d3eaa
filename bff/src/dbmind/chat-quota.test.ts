import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../testing/redis-server.ts';
import { ChatLimitError, MemoryChatQuota, RedisChatQuota, type ChatQuota } from './chat-quota.ts';

const limits = { runningPerUser: 2, questionsPerMinute: 3, answerBytes: 1024 };
/** The quotas' clock: a minute passes when the test says so. */
let clock = Date.parse('2026-11-30T10:00:20Z');

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

/** Two quotas that should count as one: the same object in memory, two processes' connections with Redis. */
function pairs(now: () => number): [string, () => [ChatQuota, ChatQuota]][] {
  return [
    [
      'memory',
      () => {
        const quota = new MemoryChatQuota(limits, now);
        return [quota, quota];
      },
    ],
    [
      'Redis, two processes',
      () => {
        const [a, b] = [new Redis(redis.url), new Redis(redis.url)];
        clients.push(a, b);
        return [new RedisChatQuota(a, limits, now), new RedisChatQuota(b, limits, now)];
      },
    ],
  ];
}

async function refusal(attempt: Promise<void>): Promise<ChatLimitError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChatLimitError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe.each(pairs(() => clock))('the chat quota in %s', (_name, make) => {
  it('counts running answers and questions per minute for each user across processes', async () => {
    const user = `user-${Math.random().toString(36).slice(2)}`;
    const [here, there] = make();
    await here.admit(user, 'a1');
    await there.admit(user, 'a2');
    const running = await refusal(there.admit(user, 'a3'));
    expect(running.status).toBe(429);
    expect(running.retryAfterSeconds).toBeUndefined();
    expect((await here.running(user)).sort()).toEqual(['a1', 'a2']);
    // Another user is counted apart.
    await there.admit(`${user}-other`, 'b1');

    await here.release(user, 'a1');
    await there.admit(user, 'a4');
    await there.release(user, 'a4');
    // Three questions this minute: the fourth waits for the next minute.
    const rate = await refusal(here.admit(user, 'a5'));
    expect(rate.message).toContain('At most 3 questions a minute');
    expect(rate.retryAfterSeconds).toBe(Math.ceil((60_000 - (clock % 60_000)) / 1000));
    clock += 60_000;
    await here.admit(user, 'a6');
  });
});
