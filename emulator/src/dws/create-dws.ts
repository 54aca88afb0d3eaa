import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { dwsErrors } from '@dws-console/shared';
import type { PostgresSettings } from '../postgres/server.ts';
import { ClusterService } from './cluster-service.ts';
import { ClusterTasks } from './cluster-tasks.ts';
import { DwsError } from './dws-error.ts';
import { FaultControl } from './fault-control.ts';
import { startHealthMonitor } from './health-monitor.ts';
import { Pacer } from './pacer.ts';
import { recoverAll } from './recovery.ts';
import { ServerPool } from './server-pool.ts';
import { SnapshotFiles } from './snapshot-files.ts';
import { startSnapshotSchedule } from './snapshot-schedule.ts';
import { SnapshotService } from './snapshot-service.ts';
import { StateStore } from './state-store.ts';
import { TaskHolds } from './task-holds.ts';
import { TaskRunner } from './task-runner.ts';

export interface DwsOptions {
  /** `DATA_DIR/emulator`: metadata, clusters' data directories and snapshots live below it. */
  stateDir: string;
  postgres: PostgresSettings;
  speed: number;
  /** How often every idle cluster's server is checked (decision 015). */
  healthIntervalMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

/** The emulated DWS, started: its API's two halves and the emulator's control over it. */
export interface Dws {
  clusters: ClusterService;
  snapshots: SnapshotService;
  /** Holds tasks in their transitional state on request (the emulator's control). */
  holds: TaskHolds;
  /** Faults in the clusters' servers on request (the emulator's control). */
  faults: FaultControl;
  /** Interrupts running tasks (they are resumed or failed at the next start) and stops every server. */
  close(): Promise<void>;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Builds the emulated DWS in one place: every cluster a PostgreSQL server (`ServerPool`), every snapshot a set of
 * pg_dump archives. Loads the metadata, stops servers a killed emulator left behind, brings every cluster to a
 * known state (`recovery.ts`), then starts the daily automated snapshots and the health monitor.
 */
export async function createDws(options: DwsOptions): Promise<Dws> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.log(`emulator: ${message}`));
  const store = new StateStore(options.stateDir);
  const pool = new ServerPool(path.join(options.stateDir, 'clusters'), options.postgres, store);
  const files = new SnapshotFiles(path.join(options.stateDir, 'snapshots'));
  const runner = new TaskRunner(store, now, log);
  const holds = new TaskHolds();
  const tasks = new ClusterTasks({
    store,
    pool,
    runner,
    pacer: new Pacer(options.speed),
    snapshots: files,
    holds,
    now,
  });
  const faults = new FaultControl(pool);
  let closing = false;
  const assertOpen = () => {
    if (closing) throw DwsError.of(dwsErrors.shuttingDown);
  };
  const clusters = new ClusterService({ store, pool, runner, tasks, now, assertOpen });
  const snapshots = new SnapshotService({ store, pool, runner, tasks, files, clusters, now, assertOpen });

  await store.load();
  await mkdir(pool.clustersDir, { recursive: true });
  await mkdir(files.root, { recursive: true, mode: 0o700 });
  // PostgreSQL runs as its own user: it must pass through these directories to reach its data directory.
  for (const dir of [path.dirname(options.stateDir), options.stateDir, pool.clustersDir]) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o777) | 0o011);
  }
  await recoverAll({ store, pool, tasks, snapshots: files, now, log });
  const stopSchedule = startSnapshotSchedule({
    store,
    pool,
    periodMs: dayMs / options.speed,
    now,
    log,
    take: (projectId, clusterId) => snapshots.takeAutomatedSnapshot(projectId, clusterId),
  });
  const stopMonitor = startHealthMonitor({
    store,
    pool,
    runner,
    intervalMs: options.healthIntervalMs ?? 2000,
    log,
  });

  return {
    clusters,
    snapshots,
    holds,
    faults,
    async close() {
      closing = true;
      stopSchedule();
      await stopMonitor();
      await runner.interruptAll();
      await faults.endAll();
      await pool.stopAll();
      await store.save();
    },
  };
}
