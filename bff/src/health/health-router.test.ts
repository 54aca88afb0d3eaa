import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../auth/redis-session-store.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import { startRedis } from '../testing/redis-server.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let client: Redis;
let harness: Harness;
let clock = Date.now();
const probeCalls = { iam: 0, dws: 0 };

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
  harness = await startHarness({
    now: () => clock,
    sessionStore: new RedisSessionStore(client),
    probes: {
      iam: () => Promise.resolve(++probeCalls.iam > 0),
      dws: () => Promise.resolve(++probeCalls.dws > 0),
    },
  });
});

afterAll(async () => {
  await harness?.close();
  client?.disconnect();
  await redis?.stop();
});

describe('/readyz', () => {
  it('probes the upstreams once for many callers, and again once its results are a few seconds old', async () => {
    const before = { ...probeCalls };
    const answers = await Promise.all(Array.from({ length: 10 }, () => harness.request('/readyz')));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(await answers[0]?.json()).toEqual({ status: 'ready', upstreams: { iam: 'up', dws: 'up' } });
    expect((await harness.request('/readyz')).status).toBe(200);
    expect(probeCalls.iam - before.iam).toBe(1);
    expect(probeCalls.dws - before.dws).toBe(1);
    clock += 6000;
    expect((await harness.request('/readyz')).status).toBe(200);
    expect(probeCalls.iam - before.iam).toBe(2);
  });
});

describe('/metrics', () => {
  it('counts sessions in Redis without scanning its keys', async () => {
    const cookies = [await harness.logIn(), await harness.logIn('viewer', 'Viewer@12345')];
    await client.config('RESETSTAT');
    for (let i = 0; i < 3; i += 1) {
      const response = await harness.request('/metrics');
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^bff_active_sessions 2$/m);
    }
    const stats = await client.info('commandstats');
    expect(stats).not.toMatch(/cmdstat_(scan|keys):/);
    expect(cookies).toHaveLength(2);
  });
});
