import { spawn, execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../postgres/ports.ts';
import {
  connect,
  DwsClient,
  holdTask,
  isAvailable,
  makeDataDir,
  quickStartCluster,
  removeDataDir,
  sleep,
  startTestEmulator,
  users,
  type ClusterView,
  type TestEmulator,
} from '../testing/harness.ts';

let dataDir: string;
let running: TestEmulator | undefined;

beforeAll(async () => {
  dataDir = await makeDataDir('recovery');
});

afterAll(async () => {
  await running?.close();
  await removeDataDir(dataDir);
});

/** Processes whose command line names this test's data directory (PostgreSQL servers run with `-D <dir>`). */
function processesUsingDataDir(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(dataDir) && !line.includes(' ps '));
}

/**
 * The processes using the data folder that no other of them started: a server just started has children that
 * still carry its command line until they name themselves.
 */
function serversUsingDataDir(): string[] {
  const processes = processesUsingDataDir().map((line) => line.trim().split(/\s+/));
  const pids = new Set(processes.map(([pid]) => pid));
  return processes.filter(([, ppid]) => !pids.has(ppid)).map((fields) => fields.join(' '));
}

async function rows(cluster: ClusterView): Promise<number> {
  const client = await connect(cluster, 'Dws2017demo!');
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM kept')).rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

const ids = {
  kept: '',
  interrupted: '',
  failed: '',
  snapshot: '',
  restarted: '',
  grown: '',
  deleted: '',
  restored: '',
};

describe('restarting the emulator', () => {
  it('sets the scene: a failed creation, an available cluster with data, a creation and a snapshot cut short', async () => {
    running = await startTestEmulator(dataDir, { pgBin: '/nonexistent/postgresql/bin' });
    let admin = await DwsClient.login(running, users.admin);
    ids.failed = (
      await admin.call<{ cluster: { id: string } }>('POST', '/clusters', quickStartCluster('never-made'))
    ).body.cluster.id;
    await admin.waitForCluster(ids.failed, (c) => c.status === 'CREATION FAILED');
    await running.close();

    running = await startTestEmulator(dataDir);
    admin = await DwsClient.login(running, users.admin);
    ids.kept = (
      await admin.call<{ cluster: { id: string } }>('POST', '/clusters', quickStartCluster('keeps-data'))
    ).body.cluster.id;
    const kept = (await admin.waitForCluster(ids.kept, isAvailable)).at(-1) as ClusterView;
    const client = await connect(kept, 'Dws2017demo!');
    await client.query('CREATE TABLE kept AS SELECT g AS id FROM generate_series(1, 1234) g');
    await client.end();

    // Both tasks are held in their transitional state when the emulator stops.
    const creating = await holdTask(running, 'create', 'cut-short');
    const snapshotting = await holdTask(running, 'snapshot', 'keeps-data');
    ids.interrupted = (
      await admin.call<{ cluster: { id: string } }>('POST', '/clusters', quickStartCluster('cut-short'))
    ).body.cluster.id;
    ids.snapshot = (
      await admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
        snapshot: { name: 'cut-short-snapshot', cluster_id: ids.kept },
      })
    ).body.snapshot.id;
    await creating.waitUntilHeld();
    await snapshotting.waitUntilHeld();
    expect((await admin.cluster(ids.interrupted)).status).toBe('CREATING');
    expect((await admin.cluster(ids.kept)).task_status).toBe('SNAPSHOTTING');
    await running.close();
    running = undefined;
    expect(processesUsingDataDir()).toEqual([]);
  });

  it('adds a restart, a scale-out, a restore and a deletion cut short', async () => {
    running = await startTestEmulator(dataDir);
    let admin = await DwsClient.login(running, users.admin);
    const create = async (name: string) =>
      (await admin.call<{ cluster: { id: string } }>('POST', '/clusters', quickStartCluster(name))).body
        .cluster.id;
    ids.restarted = await create('restarts');
    ids.grown = await create('grows');
    ids.deleted = await create('goes-away');
    const whole = (
      await admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
        snapshot: { name: 'whole', cluster_id: ids.kept },
      })
    ).body.snapshot.id;
    await admin.waitForSnapshot(whole, (s) => s.status === 'AVAILABLE');
    for (const id of [ids.restarted, ids.grown, ids.deleted]) await admin.waitForCluster(id, isAvailable);
    await running.close();

    // Every task is held in its transitional state when the emulator stops.
    running = await startTestEmulator(dataDir);
    admin = await DwsClient.login(running, users.admin);
    const holds = [
      await holdTask(running, 'restart', 'restarts'),
      await holdTask(running, 'resize', 'grows'),
      await holdTask(running, 'delete', 'goes-away'),
      await holdTask(running, 'restore', 'restored-cut-short'),
    ];
    expect((await admin.call('POST', `/clusters/${ids.restarted}/restart`, { restart: {} })).status).toBe(
      200,
    );
    expect(
      (await admin.call('POST', `/clusters/${ids.grown}/resize`, { scale_out: { count: 2 } })).status,
    ).toBe(200);
    expect(
      (await admin.call('DELETE', `/clusters/${ids.deleted}`, { keep_last_manual_snapshot: 0 })).status,
    ).toBe(202);
    ids.restored = (
      await admin.call<{ cluster: { id: string } }>('POST', `/snapshots/${whole}/actions`, {
        restore: { name: 'restored-cut-short' },
      })
    ).body.cluster.id;
    for (const hold of holds) await hold.waitUntilHeld();
    expect((await admin.cluster(ids.restarted)).task_status).toBe('REBOOTING');
    expect((await admin.cluster(ids.grown)).task_status).toBe('GROWING');
    expect((await admin.cluster(ids.deleted)).status).toBe('DELETING');
    expect((await admin.cluster(ids.restored)).task_status).toBe('RESTORING');
    await running.close();
    running = undefined;
    expect(processesUsingDataDir()).toEqual([]);
  }, 180_000);

  it('brings every cluster back to a consistent state', async () => {
    running = await startTestEmulator(dataDir);
    const admin = await DwsClient.login(running, users.admin);

    const kept = await admin.cluster(ids.kept);
    expect(kept).toMatchObject({ status: 'AVAILABLE', task_status: null, action_progress: null });
    expect(await rows(kept)).toBe(1234);

    // A snapshot cut short is never AVAILABLE; its files are gone.
    expect((await admin.snapshot(ids.snapshot)).status).toBe('UNAVAILABLE');
    const snapshotFiles = await readFile(
      path.join(dataDir, 'emulator', 'snapshots', ids.snapshot, 'manifest.json'),
    ).then(
      () => true,
      () => false,
    );
    expect(snapshotFiles).toBe(false);

    // The interrupted creation resumes and finishes.
    const resumed = (await admin.waitForCluster(ids.interrupted, (c) => c.status !== 'CREATING')).at(-1);
    expect(resumed).toMatchObject({ status: 'AVAILABLE', name: 'cut-short' });
    const client = await connect(resumed as ClusterView, 'Dws2017demo!');
    await client.end();

    expect((await admin.cluster(ids.failed)).status).toBe('CREATION FAILED');

    // The restart, the scale-out and the restore resume and finish; the deletion completes.
    expect((await admin.waitForCluster(ids.restarted, isAvailable)).at(-1)).toMatchObject({
      name: 'restarts',
    });
    expect((await admin.waitForCluster(ids.grown, isAvailable)).at(-1)).toMatchObject({ number_of_node: 5 });
    const restored = (await admin.waitForCluster(ids.restored, isAvailable)).at(-1) as ClusterView;
    expect(await rows(restored)).toBe(1234);
    await admin.waitUntilGone(ids.deleted);
    await running.close();
    running = undefined;
    expect(processesUsingDataDir()).toEqual([]);
  });

  it('leaves no server behind when the emulator is killed, and the next start brings them back', async () => {
    const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: path.dirname(main),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        EMULATOR_PORT: '0',
        EMULATOR_DBMIND_PORT: '0',
        EMULATOR_SPEED: '100',
        EMULATOR_PG_FSYNC: 'off',
        EMULATOR_IAM_CONFIG: path.join(dataDir, 'iam.json'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('IAM and DWS at')) resolve();
      });
      child.once('exit', () => reject(new Error(`the emulator did not start: ${output}`)));
    });
    expect(processesUsingDataDir().length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The watchdog shell sees the pipe close and shuts its server down. Those processes are not this one's
    // children, and Node offers no event for the exit of another's: this wait looks at the process list.
    const deadline = Date.now() + 60_000;
    while (processesUsingDataDir().length > 0) {
      if (Date.now() > deadline) throw new Error(`left behind: ${processesUsingDataDir().join('; ')}`);
      await sleep(50);
    }

    // A server that outlived its watchdog (say, the watchdog was killed too) is stopped at the next start.
    const pgdata = path.join(dataDir, 'emulator', 'clusters', ids.kept, 'pgdata');
    const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    const [command = '', ...args] = [
      ...asPostgres,
      '/usr/lib/postgresql/15/bin/pg_ctl',
      'start',
      '-w',
      '-D',
      pgdata,
      '-l',
      '/dev/null',
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${await freePort()} -c unix_socket_directories=''`,
    ];
    execFileSync(command, args, { stdio: 'ignore' });
    expect(serversUsingDataDir()).toHaveLength(1);

    running = await startTestEmulator(dataDir);
    const admin = await DwsClient.login(running, users.admin);
    expect(await rows(await admin.cluster(ids.kept))).toBe(1234);
    expect((await admin.cluster(ids.interrupted)).status).toBe('AVAILABLE');
    expect(
      running.managedClusters
        .list()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['cut-short', 'grows', 'keeps-data', 'restarts', 'restored-cut-short']);
    await running.close();
    running = undefined;
    expect(processesUsingDataDir()).toEqual([]);
  });
});
