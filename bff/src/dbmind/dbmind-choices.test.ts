import { exampleClusterRequest } from '@dws-console/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';

/**
 * The session's choices through the console against the emulator's DBMind: the model (PUT /llms), the
 * cluster (PUT /clusters, which DBMind allows only for a registered one) and registering a real cluster.
 */

const clusterPassword = 'Choice@Cluster-26';
let harness: Harness;
let cookie: string;
let instance: string;

async function call(method: string, pathname: string, body?: unknown) {
  const response = await harness.request(pathname, {
    method,
    cookie,
    headers: method === 'GET' ? {} : csrfJson,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  harness = await startHarness(
    {},
    { emulatorEnv: { EMULATOR_SPEED: '100', EMULATOR_PG_FSYNC: 'off', EMULATOR_DBMIND_DEMO_DATA: 'off' } },
  );
  cookie = await harness.logIn();
  const created = await call(
    'POST',
    '/api/dws/clusters',
    exampleClusterRequest('choice-cluster', clusterPassword),
  );
  expect(created.status).toBe(200);
  const id = (created.body.cluster as { id: string }).id;
  instance = await vi.waitFor(
    async () => {
      const detail = (await call('GET', `/api/dws/clusters/${id}`)).body.cluster as {
        status: string;
        endpoints?: { connect_info: string }[];
      };
      expect(detail.status).toBe('AVAILABLE');
      return detail.endpoints![0]!.connect_info;
    },
    { timeout: 120_000, interval: 200 },
  );
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('DBMind choices through the console', () => {
  it('selects an available model for a chat session, and says no to one DBMind does not offer', async () => {
    expect(await call('PUT', '/api/dbmind/llms', { name: 'local-router', session_id: 'choice_1' })).toEqual({
      status: 200,
      body: { data: true, success: true },
    });
    expect(
      (await call('PUT', '/api/dbmind/llms', { name: 'no-such-model', session_id: 'choice_1' })).body,
    ).toMatchObject({ data: false });
  });

  it('registers a real cluster with its administrator, then lets a session choose it', async () => {
    const [host, port] = instance.split(':');
    // DBMind switches only to a registered cluster.
    expect(
      (await call('PUT', '/api/dbmind/clusters', { instance, session_id: 'choice_1' })).body,
    ).toMatchObject({
      data: false,
    });

    const wrong = await call('POST', '/api/dbmind/clusters/register', {
      cluster_name: 'choice',
      host,
      port: Number(port),
      username: 'dbadmin',
      password: 'Not-The-Password-1',
    });
    expect(wrong.status).toBe(200);
    expect((wrong.body.data as { status: number }).status).not.toBe(0);

    const registered = await call('POST', '/api/dbmind/clusters/register', {
      cluster_name: 'choice',
      host,
      port: Number(port),
      username: 'dbadmin',
      password: clusterPassword,
    });
    expect(registered.status).toBe(200);
    expect(registered.body.data).toMatchObject({ status: 0 });

    // DBMind's map is keyed by instance: the registered one now carries its name and is managed.
    const clusters = (await call('GET', '/api/dbmind/clusters')).body.data as Record<string, unknown>;
    expect(clusters[instance]).toEqual({ cluster_name: 'choice', instances: [instance], managed: true });
    expect((await call('PUT', '/api/dbmind/clusters', { instance, session_id: 'choice_1' })).body).toEqual({
      data: true,
      success: true,
    });
    // The administrator's password went to DBMind only.
    expect(harness.logs.join('')).not.toContain(clusterPassword);
  });
});
