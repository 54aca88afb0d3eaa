import { access } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../testing/emulator-fixture.ts';
import {
  containing,
  connect,
  holdTask,
  isAvailable,
  projects,
  quickStartCluster,
  type ClusterView,
} from '../testing/harness.ts';

const tasks = useTestEmulator('tasks');
let clusterId: string;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function startTime(cluster: ClusterView, password = 'Dws2017demo!'): Promise<string> {
  const client = await connect(cluster, password);
  try {
    const result = await client.query<{ started: string }>(
      'SELECT pg_postmaster_start_time()::text AS started',
    );
    return result.rows[0]?.started ?? '';
  } finally {
    await client.end();
  }
}

async function rowCount(cluster: ClusterView, password = 'Dws2017demo!'): Promise<number> {
  const client = await connect(cluster, password);
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

// Each transitional state is held by the emulator's control for as long as the test looks at it.
beforeAll(async () => {
  const creating = await holdTask(tasks.emulator, 'create', 'tasks-demo');
  const created = await tasks.admin.call<{ cluster: { id: string } }>('POST', '/clusters', {
    cluster: quickStartCluster('tasks-demo', {
      number_of_node: 3,
      public_ip: { public_bind_type: 'not_use' },
    }),
  });
  clusterId = created.body.cluster.id;
  await creating.waitUntilHeld();
  const busy = await tasks.admin.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
  expect(busy.status).toBe(400);
  expect(busy.body).toMatchObject({ error_code: 'DWS.5095', error_msg: containing('CREATING') });
  await creating.release();
  const [cluster] = (await tasks.admin.waitForCluster(clusterId, isAvailable)).slice(-1);
  const client = await connect(cluster as ClusterView, 'Dws2017demo!');
  await client.query('CREATE TABLE events (id serial PRIMARY KEY, note text)');
  await client.query("INSERT INTO events (note) SELECT 'note ' || g FROM generate_series(1, 42) g");
  await client.end();
}, 120_000);

describe('cluster tasks on a real server', () => {
  it('refuses a second cluster with the same name (409 DWS.5050)', async () => {
    const duplicate = await tasks.admin.call('POST', '/clusters', {
      cluster: quickStartCluster('tasks-demo'),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      error_code: 'DWS.5050',
      error_msg: 'cluster.name: is already used by another cluster in this project',
    });
  });

  it('shows no public endpoint when no elastic IP is used', async () => {
    const cluster = await tasks.admin.cluster(clusterId);
    expect(cluster.public_ip).toEqual({ public_bind_type: 'not_use' });
    expect(cluster.public_endpoints).toEqual([]);
  });

  it('restarts: REBOOTING, a new server process, the data kept', async () => {
    const before = await tasks.admin.cluster(clusterId);
    const startedBefore = await startTime(before);
    const rebooting = await holdTask(tasks.emulator, 'restart', 'tasks-demo');
    const restart = await tasks.admin.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
    expect(restart.status).toBe(200);
    expect(restart.body).toBeUndefined();
    expect((await tasks.admin.cluster(clusterId)).task_status).toBe('REBOOTING');
    const again = await tasks.admin.call('POST', `/clusters/${clusterId}/restart`, { restart: {} });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      error_code: 'DWS.5095',
      error_msg: containing('REBOOTING'),
    });
    await rebooting.release();

    const after = (await tasks.admin.waitForCluster(clusterId, isAvailable)).at(-1) as ClusterView;
    expect(after.recent_event).toBe((before.recent_event as number) + 1);
    expect(await startTime(after)).not.toBe(startedBefore);
    expect(await rowCount(after)).toBe(42);
  });

  it('scales out: GROWING with resize_info, then the larger node count', async () => {
    const growingHold = await holdTask(tasks.emulator, 'resize', 'tasks-demo');
    const resize = await tasks.admin.call('POST', `/clusters/${clusterId}/resize`, {
      scale_out: { count: 2 },
    });
    expect(resize.status).toBe(200);
    const growing = await tasks.admin.cluster(clusterId);
    expect(growing.task_status).toBe('GROWING');
    expect(growing.action_progress?.GROWING).toMatch(/^\d+%$/);
    expect(growing.resize_info).toMatchObject({
      origin_node_num: 3,
      target_node_num: 5,
      resize_status: 'GROWING',
    });
    expect(
      (await tasks.admin.call('POST', `/clusters/${clusterId}/resize`, { scale_out: { count: 1 } })).status,
    ).toBe(400);
    await growingHold.release();
    const done = (await tasks.admin.waitForCluster(clusterId, isAvailable)).at(-1) as ClusterView;
    expect(done.number_of_node).toBe(5);
    expect(done.resize_info).toBeNull();
    const tooBig = await tasks.admin.call('POST', `/clusters/${clusterId}/resize`, {
      scale_out: { count: 252 },
    });
    expect(tooBig.body).toMatchObject({ error_code: 'DWS.5091' });
  });

  it('resets the password in the server: the old one is refused, a used one cannot come back', async () => {
    const same = await tasks.admin.call('POST', `/clusters/${clusterId}/reset-password`, {
      new_password: 'Dws2017demo!',
    });
    expect(same.body).toMatchObject({ error_code: 'DWS.5144' });
    const reset = await tasks.admin.call('POST', `/clusters/${clusterId}/reset-password`, {
      new_password: 'NewPassw0rd!',
    });
    expect(reset.status).toBe(200);
    const cluster = await tasks.admin.cluster(clusterId);
    await expect(connect(cluster, 'Dws2017demo!')).rejects.toThrow(/password authentication failed/);
    expect(await rowCount(cluster, 'NewPassw0rd!')).toBe(42);
    expect(tasks.emulator.managedClusters.find(clusterId)?.password).toBe('NewPassw0rd!');
    const back = await tasks.admin.call('POST', `/clusters/${clusterId}/reset-password`, {
      new_password: 'Dws2017demo!',
    });
    expect(back.status).toBe(400);
    expect(back.body).toMatchObject({
      error_code: 'DWS.5144',
      error_msg: containing('new_password'),
    });
  });

  let manualOne = '';
  let manualTwo = '';
  let automated = '';

  it('serialises tasks: while SNAPSHOTTING, other changes get 400 DWS.5095', async () => {
    const snapshotting = await holdTask(tasks.emulator, 'snapshot', 'tasks-demo');
    const created = await tasks.admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
      snapshot: { name: 'manual-1', cluster_id: clusterId },
    });
    expect(created.status).toBe(200);
    manualOne = created.body.snapshot.id;
    expect((await tasks.admin.snapshot(manualOne)).status).toBe('CREATING');
    for (const [method, route, body] of [
      ['POST', `/clusters/${clusterId}/restart`, { restart: {} }],
      ['DELETE', `/clusters/${clusterId}`, { keep_last_manual_snapshot: 0 }],
      ['POST', `/clusters/${clusterId}/reset-password`, { new_password: 'Other-Passw0rd' }],
      ['POST', '/snapshots', { snapshot: { name: 'manual-x', cluster_id: clusterId } }],
    ] as const) {
      const answer = await tasks.admin.call(method, route, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error_code: 'DWS.5095',
        error_msg: containing('SNAPSHOTTING'),
      });
    }
    const busySnapshot = await tasks.admin.call('DELETE', `/snapshots/${manualOne}`);
    expect(busySnapshot.status).toBe(400);
    const duplicate = await tasks.admin.call('POST', '/snapshots', {
      snapshot: { name: 'MANUAL-1', cluster_id: clusterId },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ error_code: 'DWS.5039', error_msg: containing('snapshot.name') });
    await snapshotting.release();
    expect((await tasks.admin.waitForSnapshot(manualOne, (s) => s.status !== 'CREATING')).status).toBe(
      'AVAILABLE',
    );
    await tasks.admin.waitForCluster(clusterId, isAvailable);
  });

  it('deletes only manual snapshots; restore needs a free name', async () => {
    automated = await tasks.emulator.takeAutomatedSnapshot(projects.one.id, clusterId);
    const auto = await tasks.admin.waitForSnapshot(automated, (s) => s.status !== 'CREATING');
    expect(auto).toMatchObject({ type: 'AUTO', status: 'AVAILABLE' });
    await tasks.admin.waitForCluster(clusterId, isAvailable);
    const refused = await tasks.admin.call('DELETE', `/snapshots/${automated}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error_code: 'DWS.5095',
      error_msg: containing('manual'),
    });

    const taken = await tasks.admin.call('POST', `/snapshots/${manualOne}/actions`, {
      restore: { name: 'tasks-demo' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      error_code: 'DWS.5050',
      error_msg: containing('restore.name'),
    });

    const second = await tasks.admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
      snapshot: { name: 'manual-2', cluster_id: clusterId, description: 'the newest' },
    });
    manualTwo = second.body.snapshot.id;
    await tasks.admin.waitForSnapshot(manualTwo, (s) => s.status === 'AVAILABLE');
    await tasks.admin.waitForCluster(clusterId, isAvailable);
  }, 180_000);

  it('deletes the cluster keeping its newest manual snapshot', async () => {
    const deleting = await holdTask(tasks.emulator, 'delete', 'tasks-demo');
    const deleted = await tasks.admin.call('DELETE', `/clusters/${clusterId}`, {
      keep_last_manual_snapshot: 1,
    });
    expect(deleted.status).toBe(202);
    await deleting.waitUntilHeld();
    expect((await tasks.admin.cluster(clusterId)).status).toBe('DELETING');
    await deleting.release();
    await tasks.admin.waitUntilGone(clusterId);
    const { snapshots } = (await tasks.admin.call<{ snapshots: { id: string }[] }>('GET', '/snapshots')).body;
    expect(snapshots.map((s) => s.id)).toEqual([manualTwo]);
    const snapshotsDir = path.join(tasks.dataDir, 'emulator', 'snapshots');
    expect(await exists(path.join(snapshotsDir, manualTwo, 'manifest.json'))).toBe(true);
    expect(await exists(path.join(snapshotsDir, manualOne))).toBe(false);
    expect(await exists(path.join(snapshotsDir, automated))).toBe(false);
    expect(await exists(path.join(tasks.dataDir, 'emulator', 'clusters', clusterId))).toBe(false);
  });
});

describe('a creation that fails', () => {
  const broken = useTestEmulator('broken', { pgBin: '/nonexistent/postgresql/bin' });

  it('ends in CREATION FAILED with failed_reasons, and can be deleted', async () => {
    const client = broken.admin;
    const created = await client.call<{ cluster: { id: string } }>('POST', '/clusters', {
      cluster: quickStartCluster('doomed'),
    });
    const id = created.body.cluster.id;
    const failed = (await client.waitForCluster(id, (c) => c.status !== 'CREATING')).at(-1) as ClusterView;
    expect(failed.status).toBe('CREATION FAILED');
    expect(failed.action_progress).toBeNull();
    expect(failed.endpoints).toEqual([]);
    expect(failed.failed_reasons).toMatchObject({
      error_code: 'DWS.0000',
      error_msg: containing('initdb'),
    });
    expect((await client.call('POST', `/clusters/${id}/restart`, { restart: {} })).status).toBe(400);
    expect((await client.call('DELETE', `/clusters/${id}`, { keep_last_manual_snapshot: 0 })).status).toBe(
      202,
    );
    await client.waitUntilGone(id);
  });
});
