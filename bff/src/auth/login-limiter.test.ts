import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { startRedis } from '../testing/redis-server.ts';
import { defaultLoginLimits, MemoryLoginLimiter, RedisLoginLimiter } from './login-limiter.ts';

const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

function attempt(harness: Harness, username: string, password: string, headers: Record<string, string> = {}) {
  return harness.request('/api/session', {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify({ domain: 'demo', username, password, project: 'ae-ad-1' }),
  });
}

/** Wraps the harness's IAM client so the test sees how many log-ins reached IAM. */
function countIam(harness: Harness): { calls: number } {
  const counter = { calls: 0 };
  const real = harness.iam;
  harness.setIam(async (credentials) => {
    counter.calls += 1;
    return real(credentials);
  });
  return counter;
}

let clock = Date.now();
let one: Harness;

beforeAll(async () => {
  one = await startHarness({ now: () => clock });
});

afterAll(async () => {
  await one?.close();
});

describe('the log-in limiter in one process', () => {
  it('lets no more than the limit of concurrent wrong log-ins reach IAM', async () => {
    const iam = countIam(one);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(one, 'viewer', `wrong-${i}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(iam.calls).toBe(defaultLoginLimits.perUser);
    expect(statuses.filter((s) => s === 401)).toHaveLength(defaultLoginLimits.perUser);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - defaultLoginLimits.perUser);
  });

  it('lifts the lock when the window has passed', async () => {
    expect((await attempt(one, 'viewer', 'Viewer@12345')).status).toBe(429);
    clock += defaultLoginLimits.windowMs + 1000;
    expect((await attempt(one, 'viewer', 'Viewer@12345')).status).toBe(201);
  });
});

describe('the client address', () => {
  const limits = { windowMs: 60_000, perUser: 100, perAddress: 2 };
  let direct: Harness;
  let proxied: Harness;

  beforeAll(async () => {
    direct = await startHarness(
      { limiter: new MemoryLoginLimiter(limits) },
      { emulator: one.emulator, dataDir: one.dataDir },
    );
    proxied = await startHarness(
      { limiter: new MemoryLoginLimiter(limits), trustedProxies: ['127.0.0.1/32'] },
      { emulator: one.emulator, dataDir: one.dataDir },
    );
  });

  afterAll(async () => {
    await proxied?.close();
    await direct?.close();
  });

  it('comes from X-Forwarded-For only when the connection is from a trusted proxy', async () => {
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    expect((await attempt(proxied, 'a1', 'wrong', from('198.51.100.1'))).status).toBe(401);
    expect((await attempt(proxied, 'a2', 'wrong', from('198.51.100.1'))).status).toBe(401);
    expect((await attempt(proxied, 'a3', 'wrong', from('198.51.100.1'))).status).toBe(429);
    // Another client behind the same proxy is not locked out by the first one's failures.
    expect((await attempt(proxied, 'a4', 'wrong', from('198.51.100.2'))).status).toBe(401);

    // Without a trusted proxy the header is the client's own claim: every attempt counts for the socket.
    expect((await attempt(direct, 'b1', 'wrong', from('198.51.100.3'))).status).toBe(401);
    expect((await attempt(direct, 'b2', 'wrong', from('198.51.100.4'))).status).toBe(401);
    expect((await attempt(direct, 'b3', 'wrong', from('198.51.100.5'))).status).toBe(429);
  });
});

describe('the log-in limiter in Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: Redis[] = [];
  const limiter = (limits = defaultLoginLimits) => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
    clients.push(client);
    return new RedisLoginLimiter(client, limits);
  };

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('holds across two console processes, also for concurrent attempts', async () => {
    const first = await startHarness(
      { limiter: limiter() },
      { emulator: one.emulator, dataDir: one.dataDir },
    );
    const second = await startHarness(
      { limiter: limiter() },
      { emulator: one.emulator, dataDir: one.dataDir },
    );
    try {
      const counters = [countIam(first), countIam(second)];
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(i % 2 ? first : second, 'admin', `wrong-${i}`)),
      );
      expect(counters[0]!.calls + counters[1]!.calls).toBe(defaultLoginLimits.perUser);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(20 - defaultLoginLimits.perUser);
      expect((await attempt(first, 'admin', 'Admin@12345')).status).toBe(429);
      expect((await attempt(second, 'admin', 'Admin@12345')).status).toBe(429);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('lifts the lock when its key expires in Redis', async () => {
    const limits = { windowMs: 60_000, perUser: 1, perAddress: 100 };
    const app = await startHarness(
      { limiter: limiter(limits) },
      { emulator: one.emulator, dataDir: one.dataDir },
    );
    try {
      const inspector = clients[0]!;
      expect((await attempt(app, 'viewer', 'wrong')).status).toBe(401);
      const keys = await inspector.keys('dws-console:login:*');
      expect(keys.length).toBeGreaterThan(0);
      const expiries = await Promise.all(keys.map((key) => inspector.pexpiretime(key)));
      const locked = await attempt(app, 'viewer', 'Viewer@12345');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Each counted attempt extends nothing: the key's expiry was set once, at the first attempt.
      for (const [i, key] of keys.entries()) {
        expect(expiries[i]).toBeGreaterThan(0);
        expect(await inspector.pexpiretime(key)).toBe(expiries[i]);
      }
      // Redis's clock is not the test's: the keys are made to expire now, and the test waits until Redis
      // has expired them, not for the window to pass.
      for (const key of keys) await inspector.pexpire(key, 1);
      await vi.waitFor(async () => expect(await inspector.exists(...keys)).toBe(0), { timeout: 15_000 });
      expect((await attempt(app, 'viewer', 'Viewer@12345')).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
