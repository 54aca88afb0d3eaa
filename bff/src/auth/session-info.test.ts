import { consoleActions, sessionInfoSchema, type ConsoleOperation } from '@dws-console/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { MemorySessionStore } from './session-store.ts';

let harness: Harness;
const write = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
const everything = Object.keys(consoleActions) as ConsoleOperation[];
const projectOne = '89cd04f168b84af6be287f71730fdb4b';
const projectTwo = '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e';
const reading: ConsoleOperation[] = [
  'listClusters',
  'getCluster',
  'listSnapshots',
  'getSnapshot',
  'listNodeTypes',
];

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function rightsOf(cookie: string) {
  const response = await harness.request('/api/session', { cookie });
  expect(response.status).toBe(200);
  return sessionInfoSchema.parse(await response.json()).rights;
}

describe('the session’s rights', () => {
  it('come from the token’s roles: the administrator may do everything, and the viewer only read', async () => {
    expect(await rightsOf(await harness.logIn())).toEqual({ allowed: everything, complete: true });
    expect(await rightsOf(await harness.logIn('viewer', 'Viewer@12345'))).toEqual({
      allowed: reading,
      complete: true,
    });
  });

  it('are what DWS enforces: the viewer’s session says restart is refused, and DWS refuses it', async () => {
    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    expect((await rightsOf(cookie)).allowed).not.toContain('restartCluster');
    const clusters = (await (await harness.request('/api/dws/clusters', { cookie })).json()) as {
      clusters: { id: string }[];
    };
    const id = clusters.clusters[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    const refused = await harness.request(`/api/dws/clusters/${id}/restart`, {
      method: 'POST',
      cookie,
      headers: write,
      body: JSON.stringify({ restart: {} }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error_code: 'DWS.5036' });
  });

  it('follow the session into another project', async () => {
    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    const switched = await harness.request('/api/session/project', {
      method: 'PUT',
      cookie,
      headers: write,
      body: JSON.stringify({ project: 'ae-ad-2' }),
    });
    expect(switched.status).toBe(200);
    expect(sessionInfoSchema.parse(await switched.json()).rights).toEqual({
      allowed: reading,
      complete: true,
    });
  });
});

describe('a page that shows another project than its session', () => {
  it('is answered 412, not with the other project’s data', async () => {
    const cookie = await harness.logIn();
    const shown = (project: string) =>
      harness.request('/api/dws/clusters', { cookie, headers: { 'X-Console-Project': project } });
    expect((await shown(projectOne)).status).toBe(200);
    // Another window of the same browser switches the session to ae-ad-2.
    const switched = await harness.request('/api/session/project', {
      method: 'PUT',
      cookie,
      headers: write,
      body: JSON.stringify({ project: 'ae-ad-2' }),
    });
    expect(switched.status).toBe(200);
    const stale = await shown(projectOne);
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({
      error_code: 'CONSOLE.0412',
      error_msg: expect.stringContaining('ae-ad-2') as unknown,
    });
    expect((await shown(projectTwo)).status).toBe(200);
    // Without the header (an API client, the session itself) the session's project answers.
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
  });
});

describe('the session’s end', () => {
  it('is the idle end while that comes first, moved by the person’s activity and never by asking', async () => {
    let clock = Date.now();
    const idleMs = 30 * 60_000;
    const timed = await startHarness(
      { now: () => clock, sessionStore: new MemorySessionStore(() => clock) },
      { emulator: harness.emulator, dataDir: harness.dataDir },
    );
    try {
      const cookie = await timed.logIn();
      const signedInAt = clock;
      const end = async () => {
        const response = await timed.request('/api/session', { cookie });
        if (response.status !== 200) return response.status;
        const { expiresAt, isIdleEnd } = sessionInfoSchema.parse(await response.json());
        return { at: Date.parse(expiresAt), isIdleEnd };
      };
      expect(await end()).toEqual({ at: signedInAt + idleMs, isIdleEnd: true });

      clock += 10 * 60_000;
      expect(await end()).toEqual({ at: signedInAt + idleMs, isIdleEnd: true });
      const active = await timed.request('/api/session/activity', { method: 'POST', cookie, headers: write });
      expect(active.status).toBe(200);
      expect(Date.parse(sessionInfoSchema.parse(await active.json()).expiresAt)).toBe(clock + idleMs);
      expect(await end()).toEqual({ at: clock + idleMs, isIdleEnd: true });

      clock += idleMs;
      expect(await end()).toBe(401);
    } finally {
      await timed.close();
    }
  });
});
