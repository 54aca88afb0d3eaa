import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fetch } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { traceListResponseSchema, type Trace } from '@dws-console/shared';
import { useTestEmulator } from '../testing/emulator-fixture.ts';
import { DwsClient, isAvailable, projects, quickStartCluster, users } from '../testing/harness.ts';

const cts = useTestEmulator('cts');
let viewer: DwsClient;
let clusterId: string;
const clusterPassword = 'Trace@Secret2026';
const newPassword = 'Rotated#Secret77';

beforeAll(async () => {
  viewer = await DwsClient.login(cts.emulator, users.viewer);
  const created = await cts.admin.call<{ cluster: { id: string } }>('POST', '/clusters', {
    cluster: quickStartCluster('traced', { user_pwd: clusterPassword }),
  });
  expect(created.status).toBe(200);
  clusterId = created.body.cluster.id;
  await cts.admin.waitForCluster(clusterId, isAvailable);
});

/** The trace list as a CTS client reads it, checked against the contract the console validates with. */
async function traces(client: DwsClient, query: Record<string, string> = {}) {
  const search = new URLSearchParams({ trace_type: 'system', limit: '200', ...query });
  const answer = await client.call('GET', `/v3/${client.projectId}/traces?${search.toString()}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return traceListResponseSchema.parse(answer.body);
}

describe('Cloud Trace Service', () => {
  it('records an operation made with the API: who, on what, from where, how it ended', async () => {
    const restarted = await cts.admin.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
    expect(restarted.status).toBe(200);
    const { traces: found } = await traces(cts.admin, {
      resource_id: clusterId,
      trace_name: 'restartCluster',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      service_type: 'DWS',
      resource_type: 'cluster',
      resource_name: 'traced',
      trace_rating: 'normal',
      trace_type: 'ApiCall',
      code: '200',
      request_id: restarted.requestId,
      user: { name: 'admin', domain: { name: 'demo' } },
    });
    expect(found[0]?.source_ip).not.toBe('');
    const created = await traces(cts.admin, { trace_name: 'createCluster' });
    expect(created.traces[0]).toMatchObject({ resource_id: clusterId, resource_name: 'traced' });
  });

  it('records a refusal as a warning under the refused user', async () => {
    const refused = await viewer.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
    expect(refused.status).toBe(403);
    const { traces: found } = await traces(cts.admin, { user: 'viewer', trace_name: 'restartCluster' });
    expect(found[0]).toMatchObject({ trace_rating: 'warning', code: '403', resource_id: clusterId });
    const warnings = await traces(cts.admin, { trace_rating: 'warning' });
    expect(warnings.traces.every((t) => t.trace_rating === 'warning')).toBe(true);
  });

  it('keeps no password or token in a trace', async () => {
    await cts.admin.waitForCluster(clusterId, isAvailable);
    const reset = await cts.admin.call('POST', `/clusters/${clusterId}/reset-password`, {
      new_password: newPassword,
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const wrong = await fetch(`${cts.emulator.cloudUrl}/v3/auth/tokens`, {
      method: 'POST',
      dispatcher: cts.emulator.dispatcher,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'admin', password: 'Not-the@password1', domain: { name: 'demo' } } },
          },
          scope: { project: { name: projects.one.name } },
        },
      }),
    });
    expect(wrong.status).toBe(401);
    const refusedLogin = await traces(cts.admin, { trace_name: 'createToken', trace_rating: 'warning' });
    expect(refusedLogin.traces[0]).toMatchObject({ service_type: 'IAM', user: { name: 'admin' } });
    const resetTrace = (await traces(cts.admin, { trace_name: 'resetPassword' })).traces[0];
    expect(resetTrace?.request).toContain('new_password');

    const dir = path.join(cts.dataDir, 'emulator', 'cts');
    const stored = (
      await Promise.all((await readdir(dir)).map((name) => readFile(path.join(dir, name), 'utf8')))
    ).join('\n');
    expect(stored).toContain(clusterId);
    for (const secret of [
      clusterPassword,
      newPassword,
      users.admin.password,
      users.viewer.password,
      'Not-the@password1',
      cts.admin.token,
      viewer.token,
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('never shows one project the traces of another', async () => {
    const other = await DwsClient.login(cts.emulator, users.admin, projects.two);
    await other.call('POST', '/snapshots', {
      snapshot: { name: 'elsewhere', cluster_id: '0b1c2d3e-4f50-4617-8899-aabbccddeeff' },
    });
    const mine = await traces(cts.admin);
    const theirs = await traces(other);
    expect(theirs.traces.some((t) => t.trace_name === 'createSnapshot')).toBe(true);
    expect(theirs.traces.some((t) => t.resource_id === clusterId)).toBe(false);
    expect(mine.traces.some((t) => t.trace_name === 'createSnapshot')).toBe(false);
    const ids = new Set(mine.traces.map((t) => t.trace_id));
    expect(theirs.traces.some((t) => ids.has(t.trace_id))).toBe(false);
    // A token of one project cannot ask for another's traces by naming it in the path.
    const crossed = await other.call('GET', `/v3/${projects.one.id}/traces?trace_type=system`);
    expect(crossed.status).toBe(403);
  });

  it('pages through next, newest first, without repeating or skipping a trace', async () => {
    for (let i = 0; i < 5; i += 1)
      await viewer.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
    const everything = (await traces(cts.admin)).traces;
    expect(everything.length).toBeGreaterThan(5);
    const seen: Trace[] = [];
    let next: string | null | undefined;
    do {
      const page = await traces(cts.admin, { limit: '2', ...(next ? { next } : {}) });
      expect(page.traces.length).toBeLessThanOrEqual(2);
      expect(page.meta_data.count).toBe(page.traces.length);
      seen.push(...page.traces);
      next = page.meta_data.marker;
    } while (next);
    expect(seen.map((t) => t.trace_id)).toEqual(everything.map((t) => t.trace_id));
    const times = seen.map((t) => t.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lists traces only for cts:trace:list, and names the broken rule of a query', async () => {
    const refused = await viewer.call<{ error_code: string; error_msg: string }>(
      'GET',
      `/v3/${projects.one.id}/traces?trace_type=system`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error_msg).toContain('cts:trace:list');
    for (const [query, field] of [
      ['limit=10', 'trace_type'],
      ['trace_type=system&limit=0', 'limit'],
      ['trace_type=system&trace_rating=bad', 'trace_rating'],
      ['trace_type=system&from=20&to=10', 'from'],
      ['trace_type=system&colour=red', 'colour'],
    ] as const) {
      const answer = await cts.admin.call<{ error_code: string; error_msg: string }>(
        'GET',
        `/v3/${projects.one.id}/traces?${query}`,
      );
      expect(answer.status, query).toBe(400);
      expect(answer.body.error_msg, query).toContain(field);
    }
    const time = await traces(cts.admin, { to: String(Date.now() - 60 * 60 * 1000) });
    expect(time.traces).toEqual([]);
  });
});
