import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamClient } from './iam-client.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

let harness: Harness;
let clock = Date.now();
let iamCalls = 0;

beforeAll(async () => {
  harness = await startHarness({ now: () => clock });
  const realIam: IamClient = harness.iam;
  harness.setIam(async (credentials) => {
    iamCalls += 1;
    return realIam(credentials);
  });
});

afterAll(async () => {
  await harness?.close();
});

const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

describe('sessions', () => {
  it('call IAM once per log-in and never on ordinary requests', async () => {
    const before = iamCalls;
    const cookie = await harness.logIn();
    for (let i = 0; i < 20; i += 1) {
      expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
      expect((await harness.request('/api/session', { cookie })).status).toBe(200);
    }
    expect(iamCalls - before).toBe(1);
  });

  it('end after the idle timeout, and stay while used', async () => {
    const cookie = await harness.logIn();
    clock += 20 * 60_000;
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
    clock += 20 * 60_000;
    // 40 minutes since log-in but only 20 idle: still alive.
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
    clock += 31 * 60_000;
    const ended = await harness.request('/api/session', { cookie });
    expect(ended.status).toBe(401);
    expect(ended.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('end at the absolute timeout however busy they are', async () => {
    const cookie = await harness.logIn();
    // A request every 20 minutes for 12 hours: never idle, yet over at 12 hours.
    for (let step = 0; step < 35; step += 1) {
      clock += 20 * 60_000;
      expect(
        (await harness.request('/api/dws/clusters', { cookie })).status,
        `after ${(step + 1) * 20} min`,
      ).toBe(200);
    }
    clock += 20 * 60_000;
    expect((await harness.request('/api/session', { cookie })).status).toBe(401);
  });

  it('never outlive the IAM token, even when it expires before the absolute timeout', async () => {
    const realIam = harness.iam;
    const tokenExpiresAt = clock + 60 * 60_000;
    harness.setIam(async (credentials) => {
      const token = await realIam(credentials);
      return token && { ...token, expiresAt: tokenExpiresAt };
    });
    try {
      const cookie = await harness.logIn();
      const me = (await (await harness.request('/api/session', { cookie })).json()) as { expiresAt: string };
      expect(Date.parse(me.expiresAt)).toBeLessThan(tokenExpiresAt);
      for (let step = 0; step < 2; step += 1) {
        clock += 25 * 60_000;
        expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
      }
      // Ended a little before the token, so no call is ever sent with a token about to lapse.
      clock = tokenExpiresAt - 60_000;
      const ended = await harness.request('/api/dws/clusters', { cookie });
      expect(ended.status).toBe(401);
      expect(ended.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    } finally {
      harness.setIam(realIam);
    }
  });

  it('get a new id at every log-in', async () => {
    const first = await harness.logIn();
    const second = await harness.logIn();
    expect(first).not.toBe(second);
    expect((await harness.request('/api/session', { cookie: first })).status).toBe(200);
  });

  it('slow down password guessing per user, with one generic message', async () => {
    const attempt = (username: string, password: string) =>
      harness.request('/api/session', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ domain: 'demo', username, password, project: 'ae-ad-2' }),
      });
    for (let i = 0; i < 5; i += 1) expect((await attempt('viewer', `wrong-${i}`)).status).toBe(401);
    const blocked = await attempt('viewer', 'Viewer@12345');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user from the same address is not locked out by viewer's failures.
    expect((await attempt('admin', 'Admin@12345')).status).toBe(201);
  });
});
