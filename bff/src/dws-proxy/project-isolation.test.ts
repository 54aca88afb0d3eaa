import { exampleClusterRequest } from '@dws-console/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csrfJson } from '../testing/probes.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

/**
 * Two tenants of the real emulator, projects `ae-ad-1` and `ae-ad-2` of domain `demo`, each with a
 * cluster of its own: whatever a session of one asks for through the console, it sees and touches
 * only its own project's clusters and snapshots.
 */

interface Tenant {
  project: string;
  cookie: string;
  clusterId: string;
  clusterName: string;
  snapshotId: string;
}

let harness: Harness;
const tenants: Tenant[] = [];

async function call(cookie: string, method: string, pathname: string, body?: unknown) {
  const response = await harness.request(pathname, {
    method,
    cookie,
    headers: method === 'GET' ? {} : csrfJson,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function waitForStatus(cookie: string, pathname: string, key: string, status: string) {
  await vi.waitFor(
    async () => {
      const answer = await call(cookie, 'GET', pathname);
      const resource = answer.body[key] as { status?: string; task_status?: string | null } | undefined;
      expect(`${resource?.status}/${resource?.task_status ?? ''}`).toBe(`${status}/`);
    },
    { timeout: 120_000, interval: 200 },
  );
}

beforeAll(async () => {
  harness = await startHarness(
    {},
    { emulatorEnv: { EMULATOR_SPEED: '100', EMULATOR_PG_FSYNC: 'off', EMULATOR_DBMIND_DEMO_DATA: 'off' } },
  );
  for (const project of ['ae-ad-1', 'ae-ad-2']) {
    const cookie = await harness.logIn('admin', 'Admin@12345', project);
    const clusterName = `tenant-${project}`;
    const created = await call(
      cookie,
      'POST',
      '/api/dws/clusters',
      exampleClusterRequest(clusterName, `Tenant@${project}-pw`),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const clusterId = (created.body.cluster as { id: string }).id;
    await waitForStatus(cookie, `/api/dws/clusters/${clusterId}`, 'cluster', 'AVAILABLE');
    const snapshot = await call(cookie, 'POST', '/api/dws/snapshots', {
      snapshot: { name: `snap-${project}`, cluster_id: clusterId },
    });
    expect(snapshot.status, JSON.stringify(snapshot.body)).toBe(200);
    const snapshotId = (snapshot.body.snapshot as { id: string }).id;
    await waitForStatus(cookie, `/api/dws/snapshots/${snapshotId}`, 'snapshot', 'AVAILABLE');
    tenants.push({ project, cookie, clusterId, clusterName, snapshotId });
  }
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe('two projects through the console', () => {
  it('each session lists only its own project’s clusters and snapshots', async () => {
    for (const tenant of tenants) {
      const clusters = await call(tenant.cookie, 'GET', '/api/dws/clusters');
      expect(clusters.status).toBe(200);
      const names = (clusters.body.clusters as { name: string }[]).map((c) => c.name);
      expect(names, tenant.project).toEqual([tenant.clusterName]);

      const snapshots = await call(tenant.cookie, 'GET', '/api/dws/snapshots');
      expect(snapshots.status).toBe(200);
      const ids = (snapshots.body.snapshots as { id: string; type: string }[])
        .filter((s) => s.type === 'MANUAL')
        .map((s) => s.id);
      expect(ids, tenant.project).toEqual([tenant.snapshotId]);
    }
  });

  it('a session never reads or changes the other project’s cluster or snapshot, even by its id', async () => {
    const [one, two] = tenants as [Tenant, Tenant];
    for (const [self, other] of [
      [one, two],
      [two, one],
    ] as const) {
      const attempts: [string, string, unknown][] = [
        ['GET', `/api/dws/clusters/${other.clusterId}`, undefined],
        ['POST', `/api/dws/clusters/${other.clusterId}/restart`, { restart: {} }],
        ['POST', `/api/dws/clusters/${other.clusterId}/reset-password`, { new_password: 'Stolen#Pass-2026' }],
        ['POST', `/api/dws/clusters/${other.clusterId}/resize`, { scale_out: { count: 1 } }],
        [
          'POST',
          '/api/dws/snapshots',
          { snapshot: { name: `stolen-${self.project}`, cluster_id: other.clusterId } },
        ],
        // A restore makes a new cluster in the session's own project: from the other's data it must not.
        [
          'POST',
          `/api/dws/snapshots/${other.snapshotId}/actions`,
          { restore: { name: `stolen-${self.project}` } },
        ],
        ['DELETE', `/api/dws/clusters/${other.clusterId}`, { keep_last_manual_snapshot: 0 }],
        ['GET', `/api/dws/snapshots/${other.snapshotId}`, undefined],
        ['DELETE', `/api/dws/snapshots/${other.snapshotId}`, undefined],
      ];
      // The other project's ids are answered exactly as ids that exist nowhere (DWS: 404 for a cluster,
      // DWS.5111 with 400 for a snapshot, as table 7-2 has it).
      const nowhere = (text: string) =>
        text.replace(other.clusterId, randomUUID()).replace(other.snapshotId, randomUUID());
      for (const [method, pathname, body] of attempts) {
        const what = `${self.project}: ${method} ${pathname} ${JSON.stringify(body) ?? ''}`;
        const answer = await call(self.cookie, method, pathname, body);
        const unknown = await call(
          self.cookie,
          method,
          nowhere(pathname),
          body === undefined ? undefined : (JSON.parse(nowhere(JSON.stringify(body))) as unknown),
        );
        expect([400, 404], what).toContain(answer.status);
        expect({ status: answer.status, code: answer.body.error_code }, what).toEqual({
          status: unknown.status,
          code: unknown.body.error_code,
        });
        expect(JSON.stringify(answer.body)).not.toContain(other.clusterName);
      }
    }
    // Nothing happened to either: both are still there, idle and of their size, and alone in their project.
    for (const tenant of tenants) {
      const detail = await call(tenant.cookie, 'GET', `/api/dws/clusters/${tenant.clusterId}`);
      expect(detail.body.cluster).toMatchObject({
        name: tenant.clusterName,
        status: 'AVAILABLE',
        number_of_node: exampleClusterRequest('any', 'any').cluster.number_of_node,
      });
      const clusters = await call(tenant.cookie, 'GET', '/api/dws/clusters');
      expect((clusters.body.clusters as { id: string }[]).map((c) => c.id)).toEqual([tenant.clusterId]);
      const snapshots = await call(tenant.cookie, 'GET', '/api/dws/snapshots');
      expect((snapshots.body.snapshots as { name: string }[]).map((s) => s.name)).not.toContain(
        `stolen-${tenant.project}`,
      );
      expect((detail.body.cluster as { task_status: string | null }).task_status ?? null).toBeNull();
      const snapshot = await call(tenant.cookie, 'GET', `/api/dws/snapshots/${tenant.snapshotId}`);
      expect(snapshot.status).toBe(200);
    }
  });

  it('the session says which project it is in', async () => {
    for (const tenant of tenants) {
      const session = await call(tenant.cookie, 'GET', '/api/session');
      expect(session.status).toBe(200);
      expect(session.body.project).toMatchObject({ name: tenant.project });
    }
  });
});
