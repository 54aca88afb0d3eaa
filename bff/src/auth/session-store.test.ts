import { describe, expect, it } from 'vitest';
import { MemorySessionStore, storageKey, type Session } from './session-store.ts';

const id = 'a'.repeat(43);
const session = (tokenExpiresAt: number): Session => ({
  token: 'token',
  tokenExpiresAt,
  user: { id: 'u', name: 'admin' },
  domain: { id: 'd', name: 'demo' },
  project: { id: 'p', name: 'ae-ad-1' },
  roles: [],
  createdAt: 0,
  lastSeenAt: 0,
});

describe('the memory session store', () => {
  it('counts a session until its end but keeps the record until its token expires', async () => {
    let clock = 0;
    const store = new MemorySessionStore(() => clock);
    await store.set(id, session(60_000), 10_000);
    expect(await store.count()).toBe(1);

    clock = 10_000;
    // Over for the console, yet the token is still good upstream: kept so that it can be revoked.
    expect(await store.count()).toBe(0);
    expect((await store.get(id))?.token).toBe('token');

    clock = 60_000;
    expect(await store.get(id)).toBeUndefined();
    expect(await store.update(id, session(60_000), 70_000)).toBe(false);
    expect(await store.count()).toBe(0);
  });

  it('keeps a record only until the session’s end when its token lapses before', async () => {
    let clock = 0;
    const store = new MemorySessionStore(() => clock);
    await store.set(id, session(5_000), 10_000);
    clock = 9_999;
    expect(await store.get(id)).toBeDefined();
    clock = 10_000;
    expect(await store.get(id)).toBeUndefined();
  });
});

describe('the storage key', () => {
  it('is the id’s SHA-256 in base64url, as records already in Redis were stored under', () => {
    // The FIPS 180-2 example "abc".
    expect(storageKey('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
