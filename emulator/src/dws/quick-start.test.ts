import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterDetailResponseSchema,
  clusterListResponseSchema,
  nodeTypesResponseSchema,
  snapshotListResponseSchema,
} from '@dws-console/shared';
import {
  connect,
  DwsClient,
  isAvailable,
  makeDataDir,
  projects,
  quickStartCluster,
  removeDataDir,
  startTestEmulator,
  users,
  type TestEmulator,
} from '../testing/harness.ts';
import { dwsClusterVersion } from './new-cluster.ts';

let dataDir: string;
let emulator: TestEmulator;
let admin: DwsClient;

beforeAll(async () => {
  dataDir = await makeDataDir('quick-start');
  emulator = await startTestEmulator(dataDir);
});

afterAll(async () => {
  await emulator?.close();
  await removeDataDir(dataDir);
});

/** Every row of the table, in order, reduced to one value. */
const digestQuery =
  "SELECT md5(string_agg(id || ':' || item || ':' || amount, ',' ORDER BY id)) AS digest FROM orders";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** The seed's chapter 4, step by step, as a new user would replay it with curl. */
describe('the quick start over HTTP', () => {
  let clusterId = '';
  let snapshotId = '';
  let restoredId = '';

  it('step 1: gets a token for the project named ae-ad-1', async () => {
    admin = await DwsClient.login(emulator, users.admin, projects.one);
    expect(admin.token).toMatch(/^MII/);
  });

  it('step 2: lists node types at /node_types and /v2/{project_id}/node-types', async () => {
    const quickStart = await admin.call('GET', '/node_types');
    expect(quickStart.status).toBe(200);
    const v2 = await admin.call('GET', `/v2/${projects.one.id}/node-types`);
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual(quickStart.body);
    const { node_types: types } = nodeTypesResponseSchema.parse(v2.body);
    const names = types.map((t) => t.spec_name);
    expect(names).toEqual(
      expect.arrayContaining(['dws.d1.xlarge', 'dws.d2.xlarge', 'dws.m1.xlarge.ultrahigh']),
    );
    expect(types.find((t) => t.spec_name === 'dws.d2.xlarge')?.detail).toEqual([
      { type: 'vCPU', value: '4' },
      { value: '1675', type: 'LOCAL_DISK', unit: 'GB' },
      { type: 'mem', value: '32', unit: 'GB' },
    ]);
    const soldOut = types.filter((t) => t.available_zones?.every((z) => z.status === 'sellout'));
    expect(soldOut.length).toBeGreaterThan(0);
  });

  it("step 3: creates the cluster from the quick start's body (unwrapped) and it answers at once", async () => {
    const created = await admin.call<{ cluster: { id: string } }>(
      'POST',
      '/clusters',
      quickStartCluster('dws-demo'),
    );
    expect(created.status).toBe(200);
    expect(created.requestId).toMatch(/^[0-9a-f]{32}$/);
    clusterId = created.body.cluster.id;
    expect(clusterId).toMatch(/^[0-9a-f-]{36}$/);

    const seen = await admin.waitForCluster(clusterId, isAvailable);
    expect(seen[0]?.status).toBe('CREATING');
    const progress = seen
      .filter((c) => c.status === 'CREATING')
      .map((c) => Number(c.action_progress?.CREATING?.replace('%', '')));
    expect(progress.every((p) => p >= 0 && p < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0)).toBe(true);
    expect(seen.at(-1)?.action_progress).toBeNull();
  });

  it('step 4: lists the cluster, AVAILABLE with a real endpoint', async () => {
    const list = await admin.call('GET', '/clusters');
    expect(list.status).toBe(200);
    const parsed = clusterListResponseSchema.parse(list.body);
    expect(parsed.count).toBe(1);
    const [cluster] = parsed.clusters;
    expect(cluster).toMatchObject({
      id: clusterId,
      name: 'dws-demo',
      status: 'AVAILABLE',
      sub_status: 'NORMAL',
      task_status: null,
      action_progress: null,
      node_type: 'dws.d1.xlarge',
      number_of_node: 3,
      availability_zone: 'ae-ad-1',
      port: 8000,
      user_name: 'dbadmin',
      vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
    });
    expect(cluster?.public_ip?.public_bind_type).toBe('auto_assign');
    expect(cluster?.public_ip?.eip_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(cluster?.endpoints?.[0]?.connect_info).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(cluster?.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('step 5: shows the detail; the administrator logs in at connect_info with the password', async () => {
    const detail = await admin.call('GET', `/clusters/${clusterId}`);
    expect(detail.status).toBe(200);
    const { cluster } = clusterDetailResponseSchema.parse(detail.body);
    expect(cluster).toMatchObject({
      node_type_id: '5ddb1071-c5d7-40e0-a874-8a032e81a697',
      number_of_cn: 2,
      private_ip: ['127.0.0.1'],
      maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
      parameter_group: { name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
      resize_info: null,
      failed_reasons: null,
      recent_event: 1,
    });
    const endpoint = cluster.endpoints?.[0];
    expect(endpoint?.jdbc_url).toBe(`jdbc:postgresql://${endpoint?.connect_info}/gaussdb`);
    expect(cluster.public_endpoints?.[0]?.public_connect_info).toBe(endpoint?.connect_info);
    // DWS's release, not the version of the PostgreSQL server behind the cluster.
    expect(cluster.version).toBe(dwsClusterVersion);

    const view = await admin.cluster(clusterId);
    const client = await connect(view, 'Dws2017demo!');
    try {
      const who = await client.query<{ current_user: string }>('SELECT current_user');
      expect(who.rows[0]?.current_user).toBe('dbadmin');
      await client.query(
        'CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, amount numeric(10,2))',
      );
      await client.query(
        "INSERT INTO orders SELECT g, 'item-' || g, g * 1.5 FROM generate_series(1, 500) AS g",
      );
    } finally {
      await client.end();
    }
    await expect(connect(view, 'Wrong-password1')).rejects.toThrow(/password authentication failed/);
  });

  it('step 6: creates a snapshot; the cluster shows SNAPSHOTTING', async () => {
    const created = await admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
      snapshot: {
        name: 'snapshotForDemoCluster',
        cluster_id: clusterId,
        description: 'Snapshot description',
      },
    });
    expect(created.status).toBe(200);
    snapshotId = created.body.snapshot.id;
    const cluster = await admin.cluster(clusterId);
    expect(cluster.task_status).toBe('SNAPSHOTTING');
    expect(cluster.action_progress?.SNAPSHOTTING).toMatch(/^\d+%$/);
  });

  it('step 7: lists snapshots until it is AVAILABLE with its real size', async () => {
    const snapshot = await admin.waitForSnapshot(snapshotId, (s) => s.status !== 'CREATING');
    expect(snapshot).toMatchObject({
      name: 'snapshotForDemoCluster',
      description: 'Snapshot description',
      status: 'AVAILABLE',
      type: 'MANUAL',
      cluster_id: clusterId,
    });
    expect(snapshot.finished).toMatch(/Z$/);
    const dumpDir = path.join(dataDir, 'emulator', 'snapshots', snapshotId);
    const { directorySize } = await import('../postgres/dumps.ts');
    expect(snapshot.size).toBe((await directorySize(dumpDir)) / 2 ** 30);
    expect(snapshot.size).toBeGreaterThan(0);

    const list = snapshotListResponseSchema.parse((await admin.call('GET', '/snapshots')).body);
    expect(list.count).toBe(1);
    expect(list.snapshots[0]?.id).toBe(snapshotId);
    await admin.waitForCluster(clusterId, isAvailable);
  });

  it('step 8: restores the snapshot to a new cluster that holds exactly the same rows', async () => {
    const source = await connect(await admin.cluster(clusterId), 'Dws2017demo!');
    const before = await source.query<{ digest: string }>(digestQuery);
    // Written after the snapshot: must not appear in the restored cluster.
    await source.query("INSERT INTO orders VALUES (501, 'late', 1)");
    await source.end();

    const restored = await admin.call<{ cluster: { id: string } }>(
      'POST',
      `/snapshots/${snapshotId}/actions`,
      {
        restore: { name: 'dws-restore' },
      },
    );
    expect(restored.status).toBe(200);
    restoredId = restored.body.cluster.id;
    const seen = await admin.waitForCluster(restoredId, isAvailable);
    expect(seen[0]).toMatchObject({ status: 'CREATING', task_status: 'RESTORING' });
    const cluster = seen.at(-1);
    if (!cluster) throw new Error('no state seen');
    expect(cluster).toMatchObject({
      name: 'dws-restore',
      node_type: 'dws.d1.xlarge',
      number_of_node: 3,
      port: 8000,
    });
    expect(cluster.endpoints[0]?.connect_info).not.toBe(
      (await admin.cluster(clusterId)).endpoints[0]?.connect_info,
    );

    const client = await connect(cluster, 'Dws2017demo!');
    try {
      const rows = await client.query<{ count: string; total: string; last: string }>(
        'SELECT count(*) AS count, sum(amount) AS total, max(id) AS last FROM orders',
      );
      expect(rows.rows[0]).toEqual({ count: '500', total: '187875.00', last: 500 });
      expect((await client.query<{ digest: string }>(digestQuery)).rows[0]?.digest).toBe(
        before.rows[0]?.digest,
      );
      const owner = await client.query<{ tableowner: string }>(
        "SELECT tableowner FROM pg_tables WHERE tablename = 'orders'",
      );
      expect(owner.rows[0]?.tableowner).toBe('dbadmin');
    } finally {
      await client.end();
    }
  }, 180_000);

  it('keeps projects apart: another project neither lists nor reaches the cluster', async () => {
    const other = await DwsClient.login(emulator, users.admin, projects.two);
    expect((await other.call('GET', '/clusters')).body).toEqual({ clusters: [], count: 0 });
    const detail = await other.call('GET', `/clusters/${clusterId}`);
    expect(detail.status).toBe(404);
    expect(detail.body).toMatchObject({ error_code: 'DWS.0047' });
    expect((await other.call('GET', `/snapshots/${snapshotId}`)).body).toMatchObject({
      error_code: 'DWS.5111',
    });
    expect((await other.call('POST', `/clusters/${clusterId}/restart`, { restart: {} })).status).toBe(404);
    expect((await other.call('DELETE', `/snapshots/${snapshotId}`)).body).toMatchObject({
      error_code: 'DWS.5111',
    });
    expect(
      (await other.call('POST', '/snapshots', { snapshot: { name: 'steal', cluster_id: clusterId } })).status,
    ).toBe(404);
    // Its token in the first project's path is refused outright.
    expect((await other.call('GET', `/v1.0/${projects.one.id}/clusters`)).status).toBe(403);
  });

  it('the same name is free in another project', async () => {
    const other = await DwsClient.login(emulator, users.admin, projects.two);
    // The name check is the last before a cluster is made: only a creation that succeeds shows the name was free.
    const sameName = await other.call<{ cluster: { id: string } }>('POST', '/clusters', {
      cluster: quickStartCluster('dws-demo'),
    });
    expect(sameName.status).toBe(200);
    const id = sameName.body.cluster.id;
    expect((await other.cluster(id)).name).toBe('dws-demo');
    await other.waitForCluster(id, isAvailable);
    expect((await other.call('DELETE', `/clusters/${id}`, { keep_last_manual_snapshot: 0 })).status).toBe(
      202,
    );
    await other.waitUntilGone(id);
  }, 180_000);

  it('step 9: deletes the manual snapshot (202)', async () => {
    const deleted = await admin.call('DELETE', `/snapshots/${snapshotId}`);
    expect(deleted.status).toBe(202);
    expect(deleted.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect((await admin.call('GET', `/snapshots/${snapshotId}`)).status).toBe(400);
    expect(await exists(path.join(dataDir, 'emulator', 'snapshots', snapshotId))).toBe(false);
  });

  it('step 10: deletes the clusters (202); servers stop and files go', async () => {
    const endpoint = (await admin.cluster(clusterId)).endpoints[0];
    for (const id of [clusterId, restoredId]) {
      const deleted = await admin.call('DELETE', `/clusters/${id}`, { keep_last_manual_snapshot: 0 });
      expect(deleted.status).toBe(202);
    }
    for (const id of [clusterId, restoredId]) await admin.waitUntilGone(id);
    expect(await exists(path.join(dataDir, 'emulator', 'clusters', clusterId))).toBe(false);
    const [host, port] = (endpoint?.connect_info ?? '').split(':');
    const pg = await import('pg');
    const client = new pg.default.Client({
      host,
      port: Number(port),
      user: 'dbadmin',
      password: 'Dws2017demo!',
    });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/);
    expect((await admin.call('GET', '/clusters')).body).toEqual({ clusters: [], count: 0 });
    expect(emulator.managedClusters.list()).toEqual([]);
  });
});
