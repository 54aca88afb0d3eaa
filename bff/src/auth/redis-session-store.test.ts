import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';
import { startRedis } from '../testing/redis-server.ts';
import { connectRedis, RedisSessionStore, type SessionCacheOptions } from './redis-session-store.ts';
import { ssoKeys, storageKey } from './session-store.ts';

/** Every key and value in Redis, whatever its type, as text: what a stolen dump would show. */
async function dumpAll(client: Redis): Promise<string> {
  const parts: string[] = [];
  for (const key of await client.keys('*')) {
    parts.push(key);
    const type = await client.type(key);
    if (type === 'string') parts.push((await client.get(key)) ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
    else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, '0', '-1', 'WITHSCORES')));
    else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
    else parts.push(`<${type}>`);
  }
  return parts.join('\n');
}

let redis: Awaited<ReturnType<typeof startRedis>>;
let first: Harness;
let second: Harness;
const clients: Redis[] = [];
const stores: RedisSessionStore[] = [];
/** Longer than any test: whatever a process stops honouring here, it stops because another told it. */
const longCache = { ttlMs: 600_000 };

function cachedStore(cache: SessionCacheOptions = longCache): RedisSessionStore {
  const client = new Redis(redis.url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  clients.push(client);
  const store = new RedisSessionStore(client, cache);
  stores.push(store);
  return store;
}

/** A store answers from its cache only once subscribed; a record read before then is read again. */
async function warm(store: RedisSessionStore, id: string): Promise<void> {
  await expect.poll(async () => (await store.get(id), store.isCached(id))).toBe(true);
}

beforeAll(async () => {
  redis = await startRedis();
  const store = () => cachedStore();
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
  for (const store of stores) store.close();
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
  await expect.poll(async () => (await first.request('/api/session', { cookie })).status).toBe(401);
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

it('counts a session until its end but keeps its sealed record until its token expires', async () => {
  const client = new Redis(redis.url);
  try {
    const store = new RedisSessionStore(client);
    const id = 'k'.repeat(43);
    const at = Date.now();
    const before = await store.count();
    await store.set(
      id,
      {
        token: 'token',
        tokenExpiresAt: at + 3_600_000,
        user: { id: 'u', name: 'admin' },
        domain: { id: 'd', name: 'demo' },
        project: { id: 'p', name: 'ae-ad-1' },
        roles: [],
        createdAt: at,
        lastSeenAt: at,
      },
      at + 300,
    );
    expect(await store.count()).toBe(before + 1);
    expect(await client.pttl(`dws-console:session:${storageKey(id)}`)).toBeGreaterThan(3_000_000);
    // The store counts by the console's clock: it is moved past the session's end instead of waited for.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at + 301);
    // Ended for the console, still readable with the cookie: the token can be revoked when the browser returns.
    expect(await store.count()).toBe(before);
    expect((await store.get(id))?.token).toBe('token');
    await store.delete(id);
  } finally {
    vi.useRealTimers();
    client.disconnect();
  }
});

it('keeps neither the IAM token nor the session id readable in a dump of Redis', async () => {
  const tokens: string[] = [];
  const realIam = first.iam;
  first.setIam(async (credentials) => {
    const token = await realIam(credentials);
    if (token) tokens.push(token.token);
    return token;
  });
  try {
    const cookie = await first.logIn('viewer', 'Viewer@12345');
    const id = cookie.split('=')[1] ?? '';
    // A record rewritten on use stays sealed too.
    expect((await first.request('/api/dws/clusters', { cookie })).status).toBe(200);
    const inspector = new Redis(redis.url);
    try {
      const dump = await dumpAll(inspector);
      expect(dump).toContain('dws-console:session:');
      expect(tokens).toHaveLength(1);
      expect(dump).not.toContain(tokens[0]);
      expect(dump).not.toContain('MII');
      expect(dump).not.toContain(id);
      expect(dump).not.toContain('viewer');
    } finally {
      inspector.disconnect();
    }
    expect((await second.request('/api/session', { cookie })).status).toBe(200);
  } finally {
    first.setIam(realIam);
  }
});

it('works over rediss:// with AUTH, and refuses clients without the password', async () => {
  const pki = path.join(first.dataDir, 'pki');
  const password = 'redis-Secret-42';
  const secured = await startRedis({
    password,
    tls: {
      certFile: path.join(pki, 'server.crt'),
      keyFile: path.join(pki, 'server.key'),
      caFile: path.join(pki, 'ca.crt'),
    },
  });
  const ca = await readFile(path.join(pki, 'ca.crt'));
  const client = connectRedis(secured.url, { ca });
  const app = await startHarness(
    { sessionStore: new RedisSessionStore(client) },
    { emulator: first.emulator, dataDir: first.dataDir },
  );
  try {
    expect(secured.url).toMatch(/^rediss:\/\/:[^@]+@/);
    const cookie = await app.logIn();
    expect((await app.request('/api/session', { cookie })).status).toBe(200);
    const noPassword = connectRedis(secured.url.replace(`:${password}@`, ''), { ca });
    noPassword.on('error', () => undefined);
    try {
      await expect(noPassword.get('anything')).rejects.toThrow(/NOAUTH|Authentication required/i);
    } finally {
      noPassword.disconnect();
    }
  } finally {
    await app.close();
    client.disconnect();
    await secured.stop();
  }
});

it('ends, for the identity provider, the sessions of one provider session or of one person, and only those', async () => {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
  clients.push(client);
  const store = new RedisSessionStore(client);
  const issuer = 'https://idp.example.test';
  const session = (subject: string, sessionId: string) => ({
    token: 'MIIfederated',
    tokenExpiresAt: Date.now() + 3_600_000,
    user: { id: subject, name: subject },
    domain: { id: 'd', name: 'demo' },
    project: { id: 'p', name: 'ae-ad-1' },
    createdAt: Date.now(),
    lastSeenAt: Date.now(),
    sso: { issuer, subject, sessionId },
  });
  const ids = ['a1', 'a2', 'a3', 'b1'].map((n) => `${n}${'x'.repeat(41)}`);
  const [tab1, tab2, otherDevice, bob] = ids as [string, string, string, string];
  const until = Date.now() + 600_000;
  await store.set(tab1, session('alice', 'sid-1'), until);
  await store.set(tab2, session('alice', 'sid-1'), until);
  await store.set(otherDevice, session('alice', 'sid-2'), until);
  await store.set(bob, session('bob', 'sid-3'), until);
  // The index names neither the person nor the provider's session: a dump of Redis does not tell who is signed in.
  expect(await dumpAll(client)).not.toMatch(/alice|sid-1/);

  expect(await store.deleteSignedIn(ssoKeys({ issuer, sessionId: 'sid-1' }))).toBe(2);
  expect(await store.get(tab1)).toBeUndefined();
  expect(await store.get(tab2)).toBeUndefined();
  expect(await store.get(otherDevice)).toBeDefined();
  // A token naming only the person ends every session of theirs left.
  expect(await store.deleteSignedIn(ssoKeys({ issuer, subject: 'alice' }))).toBe(1);
  expect(await store.get(otherDevice)).toBeUndefined();
  expect(await store.get(bob)).toBeDefined();
});

const sessionOf = (user: string, project: string) => ({
  token: `token of ${user}`,
  tokenExpiresAt: Date.now() + 3_600_000,
  user: { id: user, name: user },
  domain: { id: 'd', name: 'demo' },
  project: { id: project, name: project },
  roles: [],
  createdAt: Date.now(),
  lastSeenAt: Date.now(),
});

describe('each process’s cache of opened sessions', () => {
  it('stops honouring a session on every process once any process ends it, and touches no other tenant’s', async () => {
    const admin = await first.logIn('admin', 'Admin@12345', 'ae-ad-1');
    const viewer = await second.logIn('viewer', 'Viewer@12345', 'ae-ad-2');
    const who = async (app: Harness, cookie: string) => {
      const response = await app.request('/api/session', { cookie });
      if (response.status !== 200) return response.status;
      const info = (await response.json()) as { user: { name: string }; project: { name: string } };
      return `${info.user.name} in ${info.project.name}`;
    };
    for (const app of [first, second]) {
      await expect.poll(() => who(app, admin)).toBe('admin in ae-ad-1');
      await expect.poll(() => who(app, viewer)).toBe('viewer in ae-ad-2');
    }

    const switched = await second.request('/api/session/project', {
      method: 'PUT',
      cookie: admin,
      headers: csrfJson,
      body: JSON.stringify({ project: 'ae-ad-2' }),
    });
    expect(switched.status).toBe(200);
    await expect.poll(() => who(first, admin)).toBe('admin in ae-ad-2');

    const logout = await first.request('/api/session', {
      method: 'DELETE',
      cookie: viewer,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(logout.status).toBe(204);
    await expect.poll(() => who(second, viewer)).toBe(401);
    expect(await who(second, admin)).toBe('admin in ae-ad-2');
    expect(await who(first, admin)).toBe('admin in ae-ad-2');
  });

  it('ends on every process the sessions the identity provider signs out', async () => {
    const [one, other] = [cachedStore(), cachedStore()];
    const issuer = 'https://idp.example.test';
    const alice = `al${'c'.repeat(41)}`;
    const bob = `bo${'c'.repeat(41)}`;
    await one.set(
      alice,
      { ...sessionOf('alice', 'p'), sso: { issuer, subject: 'alice', sessionId: 's1' } },
      Date.now() + 600_000,
    );
    await one.set(bob, sessionOf('bob', 'p'), Date.now() + 600_000);
    await warm(other, alice);
    await warm(other, bob);

    expect(await one.deleteSignedIn(ssoKeys({ issuer, sessionId: 's1' }))).toBe(1);
    await expect.poll(() => other.get(alice)).toBeUndefined();
    expect((await other.get(bob))?.user.name).toBe('bob');
  });

  it('honours a record whose end it was not told of for at most its time to live', async () => {
    let now = Date.now();
    const ttlMs = 1000;
    const cached = cachedStore({ ttlMs, now: () => now });
    const id = `tt${'l'.repeat(41)}`;
    await cached.set(id, sessionOf('admin', 'p'), Date.now() + 600_000);
    await warm(cached, id);
    // Gone behind the caches' backs: no process published it, as when the message is lost.
    const raw = new Redis(redis.url);
    clients.push(raw);
    await raw.del(`dws-console:session:${storageKey(id)}`);

    now += ttlMs - 1;
    expect((await cached.get(id))?.user.name).toBe('admin');
    now += 1;
    expect(await cached.get(id)).toBeUndefined();
  });
});
