import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmulatorConfig } from '../config.ts';
import { startEmulator, type RunningEmulator } from '../emulator.ts';

let dataDir: string;
let emulator: RunningEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'emulator-iam-'));
  emulator = await startEmulator(
    loadEmulatorConfig({ DATA_DIR: dataDir, EMULATOR_PORT: '0', EMULATOR_DBMIND_PORT: '0' }),
  );
  dispatcher = new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } });
});

afterAll(async () => {
  await emulator.close();
  await dispatcher.close();
  await rm(dataDir, { recursive: true, force: true });
});

function tokenRequest(user: string, password: string, project: Record<string, string>) {
  return fetch(`${emulator.cloudUrl}/v3/auth/tokens`, {
    method: 'POST',
    // The seed's own spelling of the charset.
    headers: { 'Content-Type': 'application/json;charset=utf8' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user, password, domain: { name: 'demo' } } },
        },
        scope: { project },
      },
    }),
    dispatcher,
  });
}

describe('IAM tokens', () => {
  it('issues a 24-hour token in X-Subject-Token for a project named by name or by id', async () => {
    const byName = await tokenRequest('admin', 'Admin@12345', { name: 'ae-ad-1' });
    expect(byName.status).toBe(201);
    const body = (await byName.json()) as {
      token: { expires_at: string; issued_at: string; project: { id: string } };
    };
    expect(byName.headers.get('X-Subject-Token')).toMatch(/^MII/);
    expect(body.token.issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at)).toBe(24 * 3600 * 1000);

    const byId = await tokenRequest('admin', 'Admin@12345', { id: body.token.project.id });
    expect(byId.status).toBe(201);
  });

  it('answers a wrong password with IAM’s error shape', async () => {
    const response = await tokenRequest('admin', 'wrong', { name: 'ae-ad-1' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
    });
  });

  it('checks the token on DWS calls: missing, malformed, or another project', async () => {
    const login = await tokenRequest('viewer', 'Viewer@12345', { name: 'ae-ad-1' });
    const token = login.headers.get('X-Subject-Token') ?? '';
    const { token: info } = (await login.json()) as { token: { project: { id: string } } };

    const list = (headers: Record<string, string>, project = info.project.id) =>
      fetch(`${emulator.cloudUrl}/v1.0/${project}/clusters`, { headers, dispatcher });

    const ok = await list({ 'X-Auth-Token': token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('X-Request-Id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await ok.json()).toEqual({ clusters: [], count: 0 });

    expect((await list({})).status).toBe(401);
    const malformed = await list({ 'X-Auth-Token': `${token}x` });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { error_code: string }).error_code).toBe('APIG.0301');
    expect((await list({ 'X-Auth-Token': token }, '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e')).status).toBe(403);
  });
});
