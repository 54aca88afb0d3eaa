import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCluster, registerCluster, type TestCluster } from '../testing/clusters.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import { readEvents } from '../testing/probes.ts';
import { dbmindUserId } from './tenancy.ts';

/**
 * Attacks on the assistant's tenant boundary, against the real emulator: projects ae-ad-1 and ae-ad-2 each
 * hold a cluster (a PostgreSQL server) with databases of their own, so any leak shows as a foreign name.
 */

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });

const csrfJson = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
const psql = '/usr/lib/postgresql/15/bin/psql';
const emptyProject = { id: '5a6b7c8d9e0f41a2b3c4d5e6f7a8b9c0', name: 'ae-ad-3' };
const namesakes = ['ops.bob', 'ops-bob', 'ops bob'];

let harness: Harness;
let one: TestCluster;
let two: TestCluster;
const cookies = { admin1: '', admin2: '', viewer2: '', admin3: '' };

/** The shipped directory plus a project without clusters and three users whose names differ only in punctuation. */
async function writeIamConfig(dir: string): Promise<string> {
  const shipped = path.resolve(import.meta.dirname, '../../../emulator/config/iam.json');
  const config = JSON.parse(await readFile(shipped, 'utf8')) as {
    domains: {
      projects: { id: string; name: string }[];
      users: { id: string; name: string; password: string; roles: string[] }[];
    }[];
  };
  const domain = config.domains[0]!;
  domain.projects.push(emptyProject);
  namesakes.forEach((name, i) =>
    domain.users.push({
      id: `b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b${i}`,
      name,
      password: 'Bob@12345',
      roles: ['DWS Administrator'],
    }),
  );
  const file = path.join(dir, 'iam.json');
  await writeFile(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}

async function createDatabase(cluster: TestCluster, name: string): Promise<void> {
  const separator = cluster.address.lastIndexOf(':');
  await promisify(execFile)(
    psql,
    [
      '-h',
      cluster.address.slice(0, separator),
      '-p',
      cluster.address.slice(separator + 1),
      '-U',
      'dbadmin',
      '-d',
      'gaussdb',
      '-c',
      `CREATE DATABASE ${name}`,
    ],
    { env: { ...process.env, PGPASSWORD: cluster.password } },
  );
}

function ask(cookie: string, body: Record<string, unknown> = {}) {
  return harness.request('/api/dbmind/intelligent-interaction', {
    method: 'POST',
    cookie,
    headers: { ...csrfJson, Accept: 'text/event-stream' },
    body: JSON.stringify({
      query: '当前有哪些数据库？',
      session_id: 'tenancy_1',
      mode: 'tool_interaction',
      ...body,
    }),
  });
}

/** The whole answer's text, after checking that it ended normally. */
async function answerText(cookie: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await ask(cookie, body);
  expect(response.status).toBe(200);
  const events = await readEvents(response);
  expect(events.at(-1)?.event).toBe('end');
  return events.map((e) => e.data).join('\n');
}

async function expectRefused(
  response: Awaited<ReturnType<Harness['request']>>,
  status: number,
  message: RegExp,
) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    error_code: status === 403 ? 'CONSOLE.0403' : 'CONSOLE.0409',
    error_msg: expect.stringMatching(message) as string,
    request_id: expect.any(String) as string,
  });
}

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bff-tenancy-'));
  harness = await startHarness(
    {},
    {
      emulatorEnv: {
        EMULATOR_IAM_CONFIG: await writeIamConfig(dir),
        EMULATOR_SPEED: '100',
        EMULATOR_PG_FSYNC: 'off',
        EMULATOR_DBMIND_DEMO_DATA: 'off',
      },
    },
  );
  cookies.admin1 = await harness.logIn('admin', 'Admin@12345', 'ae-ad-1');
  cookies.admin2 = await harness.logIn('admin', 'Admin@12345', 'ae-ad-2');
  cookies.viewer2 = await harness.logIn('viewer', 'Viewer@12345', 'ae-ad-2');
  cookies.admin3 = await harness.logIn('admin', 'Admin@12345', emptyProject.name);
  [one, two] = await Promise.all([
    createCluster(harness, cookies.admin1, 'tenant-one'),
    createCluster(harness, cookies.admin2, 'tenant-two'),
  ]);
  await Promise.all([createDatabase(one, 'tenant_one_db'), createDatabase(two, 'tenant_two_db')]);
});

afterAll(async () => {
  await harness?.close();
});

describe('registering a cluster with DBMind', () => {
  it('is refused to a viewer (no write action), with the reason', async () => {
    await expectRefused(
      await registerCluster(harness, cookies.viewer2, two, 'tenant-two'),
      403,
      /dws:openAPICluster:resetPassword/,
    );
  });

  it("is refused for another project's cluster, even to an administrator", async () => {
    await expectRefused(
      await registerCluster(harness, cookies.admin2, one, 'stolen'),
      403,
      /not a cluster of project ae-ad-2/,
    );
  });

  it('works for an administrator in the cluster’s own project', async () => {
    for (const [cookie, cluster, name] of [
      [cookies.admin1, one, 'tenant-one'],
      [cookies.admin2, two, 'tenant-two'],
    ] as const) {
      const response = await registerCluster(harness, cookie, cluster, name);
      expect(await response.json()).toMatchObject({ data: { status: 0 }, success: true });
    }
  });
});

describe('the cluster list', () => {
  it("shows each project only its own clusters, though DBMind manages both projects'", async () => {
    const listed = async (cookie: string) => {
      const response = await harness.request('/api/dbmind/clusters', { cookie });
      expect(response.status).toBe(200);
      return Object.keys(((await response.json()) as { data: Record<string, unknown> }).data);
    };
    expect(await listed(cookies.admin1)).toEqual([one.address]);
    expect(await listed(cookies.admin2)).toEqual([two.address]);
    expect(await listed(cookies.viewer2)).toEqual([two.address]);
    expect(await listed(cookies.admin3)).toEqual([]);
  });

  it("refuses to select another project's cluster", async () => {
    for (const cookie of [cookies.viewer2, cookies.admin2]) {
      const response = await harness.request('/api/dbmind/clusters', {
        method: 'PUT',
        cookie,
        headers: csrfJson,
        body: JSON.stringify({ instance: one.address, session_id: 'tenancy_1' }),
      });
      await expectRefused(response, 403, /not a cluster of project ae-ad-2/);
    }
    const own = await harness.request('/api/dbmind/clusters', {
      method: 'PUT',
      cookie: cookies.viewer2,
      headers: csrfJson,
      body: JSON.stringify({ instance: two.address, session_id: 'tenancy_1' }),
    });
    expect(await own.json()).toEqual({ data: true, success: true });
  });
});

describe('asking 当前有哪些数据库？', () => {
  it("answers ae-ad-2's viewer and administrator about ae-ad-2's cluster only", async () => {
    for (const cookie of [cookies.viewer2, cookies.admin2]) {
      const text = await answerText(cookie);
      expect(text).toContain('tenant_two_db');
      expect(text).not.toContain('tenant_one_db');
    }
    // The same question in ae-ad-1 sees ae-ad-1's database: the check above could have failed.
    const text = await answerText(cookies.admin1);
    expect(text).toContain('tenant_one_db');
    expect(text).not.toContain('tenant_two_db');
  });

  it('stays in the project even after the same user chose a cluster in another project', async () => {
    // The administrator is one IAM user in both projects: DBMind's per-user "last choice" must not carry over.
    await answerText(cookies.admin1, { session_id: 'shared_name' });
    const text = await answerText(cookies.admin2, { session_id: 'shared_name' });
    expect(text).toContain('tenant_two_db');
    expect(text).not.toContain('tenant_one_db');
  });

  it('answers about the DWS cluster a question names, found by the BFF, and refuses another project’s', async () => {
    const text = await answerText(cookies.admin1, { cluster_id: one.id, session_id: 'by_cluster_id' });
    expect(text).toContain('tenant_one_db');
    expect(text).not.toContain('tenant_two_db');
    await expectRefused(
      await ask(cookies.viewer2, { cluster_id: one.id }),
      403,
      /cluster_id: .* is not a cluster of project ae-ad-2/,
    );
  });

  it('keeps a conversation in its project: after a switch it is neither listed nor opened, and its cluster is refused', async () => {
    // Its own session, so the switch leaves the other tests' sessions where they are.
    const cookie = await harness.logIn('admin', 'Admin@12345', 'ae-ad-1');
    const conversations = (suffix = '', init: { method?: string; body?: unknown } = {}) =>
      harness.request(`/api/dbmind/conversations${suffix}`, {
        method: init.method ?? 'GET',
        cookie,
        headers: csrfJson,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    const created = await conversations('', {
      method: 'POST',
      body: { title: 'tenant-one', cluster_id: one.id },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const session_id = `conversation_${id.replace(/-/g, '_')}`;
    expect(await answerText(cookie, { cluster_id: one.id, session_id })).toContain('tenant_one_db');

    const switched = await harness.request('/api/session/project', {
      method: 'PUT',
      cookie,
      headers: csrfJson,
      body: JSON.stringify({ project: 'ae-ad-2' }),
    });
    expect(switched.status).toBe(200);

    // Conversations belong to the project they were held in (decision 026): the other project shows none of it ...
    expect((await conversations(`/${id}`)).status).toBe(404);
    const listed = (await (await conversations()).json()) as { conversations: { id: string }[] };
    expect(listed.conversations.map((conversation) => conversation.id)).not.toContain(id);
    // ... and the cluster it is about is not this project's: no question about it, no word of its instance.
    await expectRefused(
      await ask(cookie, { cluster_id: one.id, session_id }),
      403,
      /cluster_id: .* is not a cluster of project ae-ad-2/,
    );
    await expectRefused(
      await harness.request(`/api/dbmind/clusters/${one.id}/binding`, { cookie }),
      403,
      /not a cluster of project ae-ad-2/,
    );
    // The same DBMind session id, asked without the cluster, answers about this project's cluster only.
    const text = await answerText(cookie, { session_id });
    expect(text).toContain('tenant_two_db');
    expect(text).not.toContain('tenant_one_db');
  });

  it('tells the panel which instance a cluster is and whether DBMind has it registered, within the project', async () => {
    const binding = await harness.request(`/api/dbmind/clusters/${two.id}/binding`, {
      cookie: cookies.viewer2,
    });
    expect(await binding.json()).toEqual({ cluster_id: two.id, instance: two.address, registered: true });
    await expectRefused(
      await harness.request(`/api/dbmind/clusters/${one.id}/binding`, { cookie: cookies.viewer2 }),
      403,
      /not a cluster of project ae-ad-2/,
    );
  });

  it("refuses a question about another project's cluster", async () => {
    await expectRefused(
      await ask(cookies.viewer2, { instance: one.address }),
      403,
      /not a cluster of project/,
    );
  });

  it('tells a project without clusters so, instead of answering about another project', async () => {
    await expectRefused(await ask(cookies.admin3), 409, /ae-ad-3 has no DWS cluster/);
    const access = await harness.request('/api/dbmind/access', { cookie: cookies.admin3 });
    expect(await access.json()).toMatchObject({ clusters: 0, ask: { allowed: true } });
  });

  it('reports what the session may do: a viewer asks but does not register', async () => {
    const access = await harness.request('/api/dbmind/access', { cookie: cookies.viewer2 });
    expect(await access.json()).toEqual({
      project: { id: '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e', name: 'ae-ad-2' },
      ask: { allowed: true },
      register: {
        allowed: false,
        reason: expect.stringContaining('dws:openAPICluster:resetPassword') as string,
      },
      clusters: 1,
    });
  });
});

describe('DBMind user ids', () => {
  it('come from the IAM ids, so users whose names differ only in punctuation never share one', async () => {
    const ids = new Set<string>();
    for (const username of namesakes) {
      const token = await harness.iam({
        domain: 'demo',
        username,
        password: 'Bob@12345',
        project: 'ae-ad-1',
      });
      if (!token) throw new Error(`${username} cannot log in`);
      ids.add(dbmindUserId(token));
    }
    expect(ids.size).toBe(namesakes.length);
    for (const id of ids) expect(id).toMatch(/^u_[0-9a-f]{40}$/);
  });
});
