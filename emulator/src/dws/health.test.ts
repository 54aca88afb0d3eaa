import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../testing/emulator-fixture.ts';
import {
  connect,
  control,
  holdTask,
  isAvailable,
  quickStartCluster,
  type ClusterView,
} from '../testing/harness.ts';
import { isLoopback } from './control-router.ts';

const password = 'Dws2017demo!';
const health = useTestEmulator('health');
let id: string;

beforeAll(async () => {
  const created = await health.admin.call<{ cluster: { id: string } }>(
    'POST',
    '/clusters',
    quickStartCluster('watched'),
  );
  id = created.body.cluster.id;
  await health.admin.waitForCluster(id, isAvailable);
}, 120_000);

const fault = (kind: string, body: Record<string, unknown> = {}) =>
  control<{ pids: number[] }>(health.emulator, 'POST', '/clusters/watched/faults', { fault: kind, ...body });
const endFault = (kind: string) => control(health.emulator, 'DELETE', `/clusters/watched/faults/${kind}`);
const latest = async () => (await health.admin.waitForCluster(id, () => true)).at(-1) as ClusterView;

describe('the status follows the real server', () => {
  it('a killed server makes the cluster UNAVAILABLE; a restart through the API brings it back', async () => {
    expect((await fault('stop')).status).toBe(201);
    const down = (await health.admin.waitForCluster(id, (c) => c.status === 'UNAVAILABLE', 60_000)).at(-1);
    expect(down?.failed_reasons?.error_msg).toMatch(/^The database server (is not running|does not answer)/);
    await expect(connect(down as ClusterView, password)).rejects.toThrow();

    expect((await health.admin.call('POST', `/clusters/${id}/restart`, { restart: {} })).status).toBe(200);
    const up = (await health.admin.waitForCluster(id, isAvailable)).at(-1) as ClusterView;
    expect(up.failed_reasons ?? null).toBeNull();
    const client = await connect(up, password);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  it('a read-only server shows sub_status READONLY until it is writable again', async () => {
    expect(await fault('read-only')).toMatchObject({ status: 201 });
    const readOnly = (await health.admin.waitForCluster(id, (c) => c.sub_status === 'READONLY', 60_000)).at(
      -1,
    );
    expect(readOnly?.status).toBe('AVAILABLE');
    const client = await connect(readOnly as ClusterView, password);
    await expect(client.query('CREATE TABLE written (id int)')).rejects.toThrow(/read-only transaction/);
    await client.end();
    expect((await endFault('read-only')).status).toBe(204);
    await health.admin.waitForCluster(id, (c) => c.sub_status === 'NORMAL', 60_000);
  });
});

describe('faults on demand', () => {
  it('exhausts the connections until the fault ends', async () => {
    const cluster = await latest();
    const { status, body } = await fault('connections');
    expect(status).toBe(201);
    expect(body.pids.length).toBeGreaterThan(10);
    await expect(connect(cluster, password)).rejects.toThrow(/too many clients|remaining connection slots/);
    expect((await control(health.emulator, 'GET', '/clusters/watched/faults')).body).toEqual({
      faults: ['connections'],
    });
    expect((await endFault('connections')).status).toBe(204);
    const client = await connect(cluster, password);
    await client.end();
  });

  it('holds a lock another session waits for, and a long transaction, until they end', async () => {
    const lock = await fault('lock');
    const long = await fault('long-transaction');
    expect([lock.status, long.status]).toEqual([201, 201]);
    const client = await connect(await latest(), password);
    const activity = async () =>
      (
        await client.query<{ pid: number; waiting: boolean; open: boolean }>(
          `SELECT pid, wait_event_type = 'Lock' AS waiting, xact_start IS NOT NULL AS open
             FROM pg_stat_activity WHERE application_name = 'fault' ORDER BY pid`,
        )
      ).rows;
    const [holder, waiter] = lock.body.pids;
    const [longPid] = long.body.pids;
    expect(await activity()).toEqual(
      expect.arrayContaining([
        { pid: holder, waiting: false, open: true },
        { pid: waiter, waiting: true, open: true },
        { pid: longPid, waiting: false, open: true },
      ]),
    );
    expect((await endFault('lock')).status).toBe(204);
    expect((await endFault('long-transaction')).status).toBe(204);
    expect((await endFault('lock')).status).toBe(404);
    for (;;) {
      if ((await activity()).length === 0) break;
    }
    await client.end();
  });

  it('refuses an unknown fault naming the field, and an unknown cluster', async () => {
    expect(await fault('flood')).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('fault') as string },
    });
    expect(
      (await control(health.emulator, 'POST', '/clusters/nowhere/faults', { fault: 'stop' })).status,
    ).toBe(404);
  });

  it('answers loopback clients only', () => {
    expect(['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.1', '::ffff:192.168.1.2', 'fe80::1', '', undefined].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('holding a task', () => {
  it('keeps a restart REBOOTING with its server down until released', async () => {
    const hold = await holdTask(health.emulator, 'restart', 'watched');
    expect((await health.admin.call('POST', `/clusters/${id}/restart`, { restart: {} })).status).toBe(200);
    await hold.waitUntilHeld();
    const held = await latest();
    expect(held.task_status).toBe('REBOOTING');
    await expect(connect(held, password)).rejects.toThrow();
    await hold.release();
    await health.admin.waitForCluster(id, isAvailable);
  });
});
