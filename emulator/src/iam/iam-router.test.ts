import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('names the user’s roles in the token, and DWS grants by them', async () => {
    const roles = async (user: string, password: string) => {
      const response = await tokenRequest(user, password, { name: 'ae-ad-1' });
      const body = (await response.json()) as { token: { roles: { id: string; name: string }[] } };
      return { token: response.headers.get('X-Subject-Token') ?? '', roles: body.token.roles };
    };
    const admin = await roles('admin', 'Admin@12345');
    const viewer = await roles('viewer', 'Viewer@12345');
    expect(admin.roles.map((r) => r.name)).toEqual(['DWS Administrator', 'CTS ReadOnlyAccess']);
    expect(viewer.roles.map((r) => r.name)).toEqual(['DWS ReadOnlyAccess']);
    expect(viewer.roles[0]?.id).toMatch(/^[0-9a-f]{32}$/);

    const projectId = '89cd04f168b84af6be287f71730fdb4b';
    const createSnapshot = (token: string) =>
      fetch(`${emulator.cloudUrl}/v1.0/${projectId}/snapshots`, {
        method: 'POST',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          snapshot: { name: 'snap-1', cluster_id: '00000000-0000-4000-8000-000000000000' },
        }),
        dispatcher,
      });
    const refused = await createSnapshot(viewer.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error_code: string }).error_code).toBe('DWS.5036');
    const allowed = await createSnapshot(admin.token);
    // Allowed: the administrator goes past the permission check to the missing cluster.
    expect(allowed.status).not.toBe(403);
    await allowed.body?.cancel();
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

describe('a changed password', () => {
  it('revokes every token issued before the change, also across an emulator restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emulator-iam-revoke-'));
    const iamConfig = path.join(dir, 'iam.json');
    await copyFile(path.join(import.meta.dirname, '..', '..', 'config', 'iam.json'), iamConfig);
    const env = {
      DATA_DIR: dir,
      EMULATOR_PORT: '0',
      EMULATOR_DBMIND_PORT: '0',
      EMULATOR_IAM_CONFIG: iamConfig,
    };
    const login = (at: RunningEmulator, agent: Agent, password: string) =>
      fetch(`${at.cloudUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: 'viewer', password, domain: { name: 'demo' } } },
            },
            scope: { project: { name: 'ae-ad-1' } },
          },
        }),
        dispatcher: agent,
      });
    const list = (at: RunningEmulator, agent: Agent, token: string) =>
      fetch(`${at.cloudUrl}/v1.0/89cd04f168b84af6be287f71730fdb4b/clusters`, {
        headers: { 'X-Auth-Token': token },
        dispatcher: agent,
      });

    let running = await startEmulator(loadEmulatorConfig(env));
    const agent = new Agent({ connect: { ca: await readFile(path.join(dir, 'pki', 'ca.crt')) } });
    try {
      const before = (await login(running, agent, 'Viewer@12345')).headers.get('X-Subject-Token') ?? '';
      expect((await list(running, agent, before)).status).toBe(200);
      await running.close();

      const directory = (await readFile(iamConfig, 'utf8')).replace('Viewer@12345', 'Viewer@67890');
      await writeFile(iamConfig, directory);
      running = await startEmulator(loadEmulatorConfig(env));

      const revoked = await list(running, agent, before);
      expect(revoked.status).toBe(401);
      const refusal = (await revoked.json()) as { error_code: string; error_msg: string };
      expect(refusal.error_code).toBe('APIG.0301');
      expect(refusal.error_msg).toContain('revoked');
      expect((await login(running, agent, 'Viewer@12345')).status).toBe(401);
      const after = (await login(running, agent, 'Viewer@67890')).headers.get('X-Subject-Token') ?? '';
      expect((await list(running, agent, after)).status).toBe(200);
    } finally {
      await running.close();
      await agent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('IAM as the console needs it', () => {
  const call = (
    route: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) =>
    fetch(`${emulator.cloudUrl}${route}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      dispatcher,
    });
  const exchange = (token: string, project: Record<string, string>) =>
    call('/v3/auth/tokens', {
      method: 'POST',
      body: { auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project } } },
    });
  const clusters = (token: string, projectId: string) =>
    call(`/v1.0/${projectId}/clusters`, { headers: { 'X-Auth-Token': token } });
  const projectOne = '89cd04f168b84af6be287f71730fdb4b';
  const projectTwo = '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e';

  it('lists the user’s projects (GET /v3/auth/projects) and finds one by name (GET /v3/projects)', async () => {
    const token =
      (await tokenRequest('viewer', 'Viewer@12345', { name: 'ae-ad-1' })).headers.get('X-Subject-Token') ??
      '';
    const mine = await call('/v3/auth/projects', { headers: { 'X-Auth-Token': token } });
    expect(mine.status).toBe(200);
    const { projects } = (await mine.json()) as {
      projects: { id: string; name: string; domain_id: string }[];
    };
    expect(projects.map((p) => [p.id, p.name])).toEqual([
      [projectOne, 'ae-ad-1'],
      [projectTwo, 'ae-ad-2'],
    ]);
    expect(projects[0]).toMatchObject({
      domain_id: '0a4f4c1c4e8b4a1f9d1e6f2a3b5c7d90',
      is_domain: false,
      enabled: true,
    });
    const byName = await call('/v3/projects?name=ae-ad-2', { headers: { 'X-Auth-Token': token } });
    expect(((await byName.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([
      projectTwo,
    ]);
    expect((await call('/v3/auth/projects')).status).toBe(401);
    expect((await call('/v3/projects', { headers: { 'X-Auth-Token': `${token}x` } })).status).toBe(401);
  });

  it('names the dws endpoint of the project’s region in the catalog', async () => {
    const login = await tokenRequest('admin', 'Admin@12345', { name: 'ae-ad-2' });
    const { token } = (await login.json()) as {
      token: { catalog: { type: string; endpoints: { region: string; url: string }[] }[] };
    };
    const dws = token.catalog.find((entry) => entry.type === 'dws');
    expect(dws?.endpoints).toEqual([
      expect.objectContaining({
        region: 'ae-ad-2',
        interface: 'public',
        url: `${emulator.cloudUrl}/v1.0/${projectTwo}`,
      }),
    ]);
  });

  it('exchanges a token for one scoped to another project, expiring with the first', async () => {
    const login = await tokenRequest('viewer', 'Viewer@12345', { name: 'ae-ad-1' });
    const first = login.headers.get('X-Subject-Token') ?? '';
    const firstBody = (await login.json()) as { token: { expires_at: string } };
    const exchanged = await exchange(first, { name: 'ae-ad-2' });
    expect(exchanged.status).toBe(201);
    const second = exchanged.headers.get('X-Subject-Token') ?? '';
    const body = (await exchanged.json()) as {
      token: { methods: string[]; project: { id: string }; expires_at: string };
    };
    expect(body.token).toMatchObject({
      methods: ['token'],
      project: { id: projectTwo },
      expires_at: firstBody.token.expires_at,
    });
    expect((await clusters(second, projectTwo)).status).toBe(200);
    expect((await clusters(second, projectOne)).status).toBe(403);

    expect((await exchange(`${first}x`, { name: 'ae-ad-2' })).status).toBe(401);
    expect((await exchange(first, { name: 'no-such-project' })).status).toBe(401);
    const noScope = await call('/v3/auth/tokens', {
      method: 'POST',
      body: { auth: { identity: { methods: ['token'], token: { id: first } } } },
    });
    expect(noScope.status).toBe(400);
    expect(await noScope.json()).toMatchObject({
      error: {
        message: 'Invalid request body: auth.scope: Invalid input: expected object, received undefined',
      },
    });
  });

  it('revokes a token (DELETE /v3/auth/tokens): DWS then answers 401, and only its owner may', async () => {
    const viewer =
      (await tokenRequest('viewer', 'Viewer@12345', { name: 'ae-ad-1' })).headers.get('X-Subject-Token') ??
      '';
    const admin =
      (await tokenRequest('admin', 'Admin@12345', { name: 'ae-ad-1' })).headers.get('X-Subject-Token') ?? '';
    const other =
      (await tokenRequest('viewer', 'Viewer@12345', { name: 'ae-ad-1' })).headers.get('X-Subject-Token') ??
      '';
    const revoke = (auth: string, subject: string) =>
      call('/v3/auth/tokens', {
        method: 'DELETE',
        headers: { 'X-Auth-Token': auth, 'X-Subject-Token': subject },
      });
    expect((await revoke(admin, viewer)).status).toBe(403);
    const validated = await call('/v3/auth/tokens', {
      headers: { 'X-Auth-Token': viewer, 'X-Subject-Token': viewer },
    });
    expect(validated.status).toBe(200);

    expect((await revoke(viewer, viewer)).status).toBe(204);
    const refused = await clusters(viewer, projectOne);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error_msg: string }).error_msg).toContain('revoked');
    expect((await exchange(viewer, { name: 'ae-ad-2' })).status).toBe(401);
    // Another token of the same user stays valid.
    expect((await clusters(other, projectOne)).status).toBe(200);
  });
});

describe('a revoked token', () => {
  it('stays revoked across an emulator restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emulator-iam-revoked-'));
    const env = { DATA_DIR: dir, EMULATOR_PORT: '0', EMULATOR_DBMIND_PORT: '0' };
    let running = await startEmulator(loadEmulatorConfig(env));
    const agent = new Agent({ connect: { ca: await readFile(path.join(dir, 'pki', 'ca.crt')) } });
    const list = (token: string) =>
      fetch(`${running.cloudUrl}/v1.0/89cd04f168b84af6be287f71730fdb4b/clusters`, {
        headers: { 'X-Auth-Token': token },
        dispatcher: agent,
      });
    try {
      const login = await fetch(`${running.cloudUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: 'viewer', password: 'Viewer@12345', domain: { name: 'demo' } } },
            },
            scope: { project: { name: 'ae-ad-1' } },
          },
        }),
        dispatcher: agent,
      });
      const token = login.headers.get('X-Subject-Token') ?? '';
      const revoked = await fetch(`${running.cloudUrl}/v3/auth/tokens`, {
        method: 'DELETE',
        headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
        dispatcher: agent,
      });
      expect(revoked.status).toBe(204);
      await running.close();
      running = await startEmulator(loadEmulatorConfig(env));
      expect((await list(token)).status).toBe(401);
    } finally {
      await running.close();
      await agent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
