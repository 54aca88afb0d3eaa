import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { recordIssuedTokens } from '../testing/issued-tokens.ts';
import { MemorySessionStore } from './session-store.ts';

/**
 * Every way a session's token is dropped other than log-out and project switch (project-switch.test.ts):
 * the token must then be revoked at the emulator's IAM, so DWS answers it 401. The BFF runs on a clock the
 * test moves; the emulator keeps real time, so a token the console forgot would still be good upstream.
 */
let harness: Harness;
let emulatorDispatcher: Agent;
let clock = Date.now();
const projectOne = '89cd04f168b84af6be287f71730fdb4b';
const write = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
/** Every token IAM issued at log-in, in order. */
let issued: string[] = [];

beforeAll(async () => {
  // The store keeps the same time as the console, as in production: it must still hold an ended session's
  // record (and so its token) when the browser comes back.
  harness = await startHarness({ now: () => clock, sessionStore: new MemorySessionStore(() => clock) });
  emulatorDispatcher = new Agent({
    connect: { ca: await readFile(path.join(harness.dataDir, 'pki', 'ca.crt')) },
  });
  issued = recordIssuedTokens(harness);
});

afterAll(async () => {
  await emulatorDispatcher?.close();
  await harness?.close();
});

/** What DWS itself says about a token, asked directly (not through the console). */
async function dwsStatus(token: string): Promise<number> {
  const response = await fetch(`${harness.emulator.cloudUrl}/v1.0/${projectOne}/clusters`, {
    headers: { 'X-Auth-Token': token },
    dispatcher: emulatorDispatcher,
  });
  await response.body?.cancel();
  return response.status;
}

/** Logs in and answers the session's cookie and the token IAM gave it, checked good upstream. */
async function logIn(username?: string, password?: string): Promise<{ cookie: string; token: string }> {
  const before = issued.length;
  const cookie = await harness.logIn(username, password);
  expect(issued.length).toBe(before + 1);
  const token = issued.at(-1) ?? '';
  expect(await dwsStatus(token)).toBe(200);
  return { cookie, token };
}

describe('a session’s token is revoked upstream', () => {
  it('when the browser logs in again over a session that is still valid', async () => {
    const first = await logIn();
    const response = await harness.request('/api/session', {
      method: 'POST',
      cookie: first.cookie,
      headers: write,
      body: JSON.stringify({
        domain: 'demo',
        username: 'viewer',
        password: 'Viewer@12345',
        project: 'ae-ad-1',
      }),
    });
    expect(response.status).toBe(201);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).not.toBe(first.cookie);
    const token = issued.at(-1) ?? '';
    expect(token).not.toBe(first.token);

    expect((await harness.request('/api/session', { cookie: first.cookie })).status).toBe(401);
    expect(await dwsStatus(first.token)).toBe(401);
    // The new session and its token are untouched.
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
    expect(await dwsStatus(token)).toBe(200);
  });

  it('when the session ends after the idle timeout', async () => {
    const { cookie, token } = await logIn();
    clock += 29 * 60_000;
    expect((await harness.request('/api/session', { cookie })).status).toBe(200);
    expect(await dwsStatus(token)).toBe(200);
    clock += 31 * 60_000;
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(401);
    expect(await dwsStatus(token)).toBe(401);
  });

  it('when the session ends at the absolute timeout', async () => {
    const { cookie, token } = await logIn();
    for (let step = 0; step < 35; step += 1) {
      clock += 20 * 60_000;
      expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
    }
    expect(await dwsStatus(token)).toBe(200);
    clock += 20 * 60_000;
    expect((await harness.request('/api/session', { cookie })).status).toBe(401);
    expect(await dwsStatus(token)).toBe(401);
  });

  it('when a log-out comes after the session already ended', async () => {
    const { cookie, token } = await logIn();
    clock += 31 * 60_000;
    const logout = await harness.request('/api/session', { method: 'DELETE', cookie, headers: write });
    expect(logout.status).toBe(204);
    expect(await dwsStatus(token)).toBe(401);
  });
});
