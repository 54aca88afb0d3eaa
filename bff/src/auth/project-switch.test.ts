import { sessionInfoSchema, sessionProjectsSchema } from '@dws-console/shared';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { recordIssuedTokens } from '../testing/issued-tokens.ts';

let harness: Harness;
let emulatorDispatcher: Agent;
const projectOne = { id: '89cd04f168b84af6be287f71730fdb4b', name: 'ae-ad-1' };
const projectTwo = { id: '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e', name: 'ae-ad-2' };
const write = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

/** Every token IAM issued to the BFF, in order: log-ins and exchanges. */
let issued: string[] = [];
const calls = { exchange: 0, revoke: 0, projects: 0 };

beforeAll(async () => {
  harness = await startHarness();
  emulatorDispatcher = new Agent({
    connect: { ca: await readFile(path.join(harness.dataDir, 'pki', 'ca.crt')) },
  });
  issued = recordIssuedTokens(harness);
  installCountingIamTokens();
});

afterAll(async () => {
  await emulatorDispatcher?.close();
  await harness?.close();
});

afterEach(() => installCountingIamTokens());

function installCountingIamTokens(gate?: Promise<void>, started?: () => void): void {
  const real = harness.iamTokens;
  harness.setIamTokens({
    ...real,
    projects: (token) => {
      calls.projects += 1;
      return real.projects(token);
    },
    exchange: async (token, project) => {
      calls.exchange += 1;
      const next = await real.exchange(token, project);
      if (next) issued.push(next.token);
      // A slow IAM: its answer reaches the console only when the test lets it.
      started?.();
      await gate;
      return next;
    },
    revoke: (token) => {
      calls.revoke += 1;
      return real.revoke(token);
    },
  });
}

/** What DWS itself says about a token, asked directly (not through the console). */
async function dwsStatus(token: string, projectId: string): Promise<number> {
  const response = await fetch(`${harness.emulator.cloudUrl}/v1.0/${projectId}/clusters`, {
    headers: { 'X-Auth-Token': token },
    dispatcher: emulatorDispatcher,
  });
  await response.body?.cancel();
  return response.status;
}

const switchTo = (cookie: string, project: unknown) =>
  harness.request('/api/session/project', {
    method: 'PUT',
    cookie,
    headers: write,
    body: JSON.stringify({ project }),
  });

describe('the project switch', () => {
  it('lists the user’s projects', async () => {
    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    const response = await harness.request('/api/session/projects', { cookie });
    expect(response.status).toBe(200);
    expect(sessionProjectsSchema.parse(await response.json())).toEqual({
      projects: [projectOne, projectTwo],
    });
    expect((await harness.request('/api/session/projects')).status).toBe(401);
  });

  it('moves the session to another project with one token exchange, and revokes the old token', async () => {
    const cookie = await harness.logIn();
    const oldToken = issued.at(-1) ?? '';
    const before = { ...calls };
    const response = await switchTo(cookie, 'ae-ad-2');
    expect(response.status).toBe(200);
    const info = sessionInfoSchema.parse(await response.json());
    expect(info.project).toEqual(projectTwo);
    expect(calls.exchange - before.exchange).toBe(1);
    expect(calls.revoke - before.revoke).toBe(1);

    const session = sessionInfoSchema.parse(await (await harness.request('/api/session', { cookie })).json());
    expect(session.project).toEqual(projectTwo);
    // The console now speaks to DWS for ae-ad-2 with ae-ad-2's token.
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
    const newToken = issued.at(-1) ?? '';
    expect(newToken).not.toBe(oldToken);
    expect(await dwsStatus(newToken, projectTwo.id)).toBe(200);
    expect(await dwsStatus(oldToken, projectOne.id)).toBe(401);
  });

  it('refuses a project that is not the user’s (403) and a malformed one (400), keeping the session as it was', async () => {
    const cookie = await harness.logIn();
    const unknown = await switchTo(cookie, 'ae-ad-9');
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({
      error_code: 'CONSOLE.0403',
      error_msg: expect.stringContaining('project') as unknown,
    });
    const malformed = await switchTo(cookie, '../ae-ad-2');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error_code: 'CONSOLE.0400',
      error_msg: expect.stringContaining('project') as unknown,
    });
    const session = sessionInfoSchema.parse(await (await harness.request('/api/session', { cookie })).json());
    expect(session.project).toEqual(projectOne);
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(200);
  });
});

describe('log-out', () => {
  it('revokes the IAM token upstream: DWS then refuses it', async () => {
    const cookie = await harness.logIn();
    const token = issued.at(-1) ?? '';
    expect(await dwsStatus(token, projectOne.id)).toBe(200);
    const logout = await harness.request('/api/session', { method: 'DELETE', cookie, headers: write });
    expect(logout.status).toBe(204);
    expect(await dwsStatus(token, projectOne.id)).toBe(401);
    expect((await harness.request('/api/session', { cookie })).status).toBe(401);
  });

  it('is not undone by a project switch that was waiting for IAM', async () => {
    const cookie = await harness.logIn();
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const exchangeStarted = new Promise<void>((resolve) => (started = resolve));
    installCountingIamTokens(gate, started);

    const before = issued.length;
    const switching = switchTo(cookie, 'ae-ad-2');
    await exchangeStarted;
    expect((await harness.request('/api/session', { method: 'DELETE', cookie, headers: write })).status).toBe(
      204,
    );
    release();
    const answer = await switching;
    expect(answer.status).toBe(401);
    expect((await harness.request('/api/session', { cookie })).status).toBe(401);
    expect((await harness.request('/api/dws/clusters', { cookie })).status).toBe(401);
    // The token IAM answered the late exchange with is revoked too.
    const late = issued.slice(before);
    expect(late).toHaveLength(1);
    expect(await dwsStatus(late[0] ?? '', projectTwo.id)).toBe(401);
  });
});
