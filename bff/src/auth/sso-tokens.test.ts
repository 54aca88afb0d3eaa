import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../testing/redis-server.ts';
import { ssoKeys } from './session-store.ts';
import { MemorySsoTokens, RedisSsoTokens, type SsoTokens } from './sso-tokens.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let client: Redis;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const secret = randomBytes(32).toString('base64url');
const issuer = 'https://idp.example';
const alice = { issuer, subject: 'alice', sessionId: 'sid-a' };
const bob = { issuer, subject: 'bob', sessionId: 'sid-b' };
const tokenOf = (userId: string) => ({ token: `MII${randomBytes(24).toString('hex')}`, userId });
const later = () => Date.now() + 3_600_000;

describe.each([
  ['in memory', () => new MemorySsoTokens(secret)],
  ['in Redis', () => new RedisSsoTokens(client, secret)],
])('single sign-on tokens kept %s', (_, make: () => SsoTokens) => {
  it('answers the tokens of the person or provider session named, once, and no one else’s', async () => {
    const tokens = make();
    const [a1, a2, b] = [tokenOf('u-alice'), tokenOf('u-alice'), tokenOf('u-bob')];
    await tokens.keep(ssoKeys(alice), a1, later());
    await tokens.keep(ssoKeys({ ...alice, sessionId: 'sid-a2' }), a2, later());
    await tokens.keep(ssoKeys(bob), b, later());

    expect(await tokens.take(ssoKeys({ issuer, sessionId: 'sid-a' }))).toEqual([a1]);
    // The person's key still lists the first token too: ended already, revoking it again is harmless.
    const person = await tokens.take(ssoKeys({ issuer, subject: 'alice' }));
    expect(person).toContainEqual(a2);
    expect(person).not.toContainEqual(b);
    expect(await tokens.take(ssoKeys({ issuer, subject: 'alice' }))).toEqual([]);
    expect(await tokens.take(ssoKeys(bob))).toEqual([b]);
  });

  it('forgets a token the console revoked itself', async () => {
    const tokens = make();
    const [old, current] = [tokenOf('u-alice'), tokenOf('u-alice')];
    await tokens.keep(ssoKeys(alice), old, later());
    await tokens.keep(ssoKeys(alice), current, later());
    await tokens.forget(ssoKeys(alice), old.token);
    expect(await tokens.take(ssoKeys(alice))).toEqual([current]);
  });
});

it('keeps in Redis no token in clear, and nothing another secret opens', async () => {
  const kept = tokenOf('u-alice');
  await new RedisSsoTokens(client, secret).keep(ssoKeys(alice), kept, later());
  const values = (await client.keys('*')).map((key) => client.hvals(key));
  const dump = JSON.stringify(await Promise.all(values));
  expect(dump).toContain('v1.');
  expect(dump).not.toContain(kept.token);
  expect(dump).not.toContain('u-alice');
  expect(await new RedisSsoTokens(client, 'another secret').take(ssoKeys(alice))).toEqual([]);
});
