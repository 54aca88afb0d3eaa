import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { startRedis } from '../testing/redis-server.ts';
import { RedisSessionStore } from './redis-session-store.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let first: Harness;
let second: Harness;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const store = () => {
    const client = new Redis(redis.url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    clients.push(client);
    return new RedisSessionStore(client);
  };
  first = await startHarness({ sessionStore: store() });
  // A second BFF process behind the same load balancer: its own store client, the same Redis.
  second = await startHarness(
    { sessionStore: store() },
    { emulator: first.emulator, dataDir: first.dataDir },
  );
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

it('shares sessions between two BFF processes through Redis', async () => {
  const cookie = await first.logIn();
  const onSecond = await second.request('/api/dws/clusters', { cookie });
  expect(onSecond.status).toBe(200);
  expect((await second.request('/api/session', { cookie })).status).toBe(200);

  const logout = await second.request('/api/session', {
    method: 'DELETE',
    cookie,
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(logout.status).toBe(204);
  expect((await first.request('/api/session', { cookie })).status).toBe(401);
});

it('stores a hash of the session id with an expiry, never the cookie itself', async () => {
  const cookie = await first.logIn();
  const id = cookie.split('=')[1] ?? '';
  const inspector = new Redis(redis.url);
  try {
    const keys = await inspector.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(id);
    for (const key of keys) expect(await inspector.pttl(key)).toBeGreaterThan(0);
  } finally {
    inspector.disconnect();
  }
});
