import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

describe('sessions', () => {
  it('logs in with a __Host- cookie only and tells who is logged in', async () => {
    const response = await harness.request('/api/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        domain: 'demo',
        username: 'admin',
        password: 'Admin@12345',
        project: 'ae-ad-1',
      }),
    });
    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^__Host-dws-session=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
    const body = await response.text();
    expect(body).not.toMatch(/MII/);
    expect(JSON.parse(body)).toMatchObject({ user: { name: 'admin' }, project: { name: 'ae-ad-1' } });

    const cookie = setCookie.split(';')[0] ?? '';
    const me = await harness.request('/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { name: 'admin' }, domain: { name: 'demo' } });

    const logout = await harness.request('/api/session', {
      method: 'DELETE',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      cookie,
    });
    expect(logout.status).toBe(204);
    expect((await harness.request('/api/session', { cookie })).status).toBe(401);
  });

  it('answers wrong credentials and unknown projects with the same message', async () => {
    const attempt = async (password: string, project: string) => {
      const response = await harness.request('/api/session', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ domain: 'demo', username: 'viewer', password, project }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { error_code: string; error_msg: string },
      };
    };
    const wrongPassword = await attempt('nope', 'ae-ad-1');
    const wrongProject = await attempt('Viewer@12345', 'no-such-region');
    expect(wrongPassword.status).toBe(401);
    expect(wrongProject.body.error_msg).toBe(wrongPassword.body.error_msg);
    expect(wrongPassword.body.error_code).toBe('CONSOLE.0411');
  });

  it('names the field and the rule when the log-in body is invalid', async () => {
    const response = await harness.request('/api/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ domain: 'demo', username: 'admin', project: 'ae ad 1' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error_msg: string };
    expect(body.error_msg).toContain('password:');
    expect(body.error_msg).toContain('project: must contain only letters');
  });

  it('refuses a state-changing call without the CSRF header or from another site', async () => {
    const credentials = JSON.stringify({
      domain: 'demo',
      username: 'admin',
      password: 'Admin@12345',
      project: 'ae-ad-1',
    });
    const noHeader = await harness.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: credentials,
    });
    expect(noHeader.status).toBe(403);
    const crossSite = await harness.request('/api/session', {
      method: 'POST',
      headers: { ...json, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      body: credentials,
    });
    expect(crossSite.status).toBe(403);
    const form = await harness.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Requested-With': 'XMLHttpRequest' },
      body: credentials,
    });
    expect(form.status).toBe(415);
  });
});

describe('DWS proxy', () => {
  it('lists the clusters of the session’s project through the emulator', async () => {
    const cookie = await harness.logIn();
    const response = await harness.request('/api/dws/clusters', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toEqual({ clusters: [], count: 0 });
  });

  it('refuses a state-changing DWS call without the CSRF header or from another site, before DWS sees it', async () => {
    const cookie = await harness.logIn();
    const restart = (headers: Record<string, string>) =>
      harness.request('/api/dws/clusters/7d85f602-a948-4a30-afd4-e84f47471c15/restart', {
        method: 'POST',
        cookie,
        headers,
        body: JSON.stringify({ restart: {} }),
      });
    const refusals = [
      await restart({ 'Content-Type': 'application/json' }),
      await restart({ ...json, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }),
      await restart({ 'Content-Type': 'text/plain', 'X-Requested-With': 'XMLHttpRequest' }),
    ];
    expect(refusals.map((response) => response.status)).toEqual([403, 403, 415]);
    for (const response of refusals) {
      // The console's own refusal, not one DWS gave.
      expect(((await response.json()) as { error_code: string }).error_code).toMatch(/^CONSOLE\./);
    }
  });

  it('needs a session', async () => {
    const response = await harness.request('/api/dws/clusters');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('CONSOLE.0401');
  });
});

describe('health', () => {
  it('is alive and ready when the upstreams answer', async () => {
    expect((await harness.request('/healthz')).status).toBe(200);
    const ready = await harness.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', upstreams: { iam: 'up', dws: 'up' } });
  });
});

describe('logs', () => {
  it('never hold a password or a token', () => {
    const all = harness.logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain('Admin@12345');
    expect(all).not.toContain('Viewer@12345');
    expect(all).not.toMatch(/MII[A-Za-z0-9_-]{20,}/);
  });
});
