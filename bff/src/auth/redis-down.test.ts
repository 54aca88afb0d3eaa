import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryAnswerStore } from '../dbmind/answer-store.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';
import { startRedis } from '../testing/redis-server.ts';
import { connectRedis, RedisSessionStore } from './redis-session-store.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let client: ReturnType<typeof connectRedis>;
let harness: Harness;
let store: RedisSessionStore;

beforeAll(async () => {
  redis = await startRedis();
  client = connectRedis(redis.url);
  // Reconnection attempts while Redis is down are the point of the test, not noise to print.
  client.on('error', () => undefined);
  // Cached as in production: a process that cannot hear of log-outs must not answer from what it remembers.
  store = new RedisSessionStore(client, { ttlMs: 600_000 });
  harness = await startHarness({ sessionStore: store }, { answers: new MemoryAnswerStore() });
});

afterAll(async () => {
  await harness?.close();
  store?.close();
  client?.disconnect();
});

it('answers 503 with a clear error, never a hang or a 500, while Redis is down', async () => {
  const cookie = await harness.logIn();
  await expect
    .poll(
      async () => (
        await harness.request('/api/session', { cookie }),
        store.isCached(cookie.split('=')[1] ?? '')
      ),
    )
    .toBe(true);

  await redis.stop();
  const session = await harness.request('/api/session', { cookie });
  expect(session.status).toBe(503);
  const body = (await session.json()) as { error_code: string; error_msg: string };
  expect(body.error_msg).toMatch(/session store/);
  expect(body.error_code).toMatch(/^CONSOLE\./);

  const logIn = await harness.request('/api/session', {
    method: 'POST',
    headers: csrfJson,
    body: JSON.stringify({ domain: 'demo', username: 'admin', password: 'Admin@12345', project: 'ae-ad-1' }),
  });
  expect(logIn.status).toBe(503);
  expect((await harness.request('/healthz')).status).toBe(200);
});
