import { dwsErrors } from '@dws-console/shared';
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { directorySize, isCompleteSnapshot } from '../postgres/dumps.ts';
import { PostgresServer } from '../postgres/server.ts';
import type { ClusterTasks } from './cluster-tasks.ts';
import { dwsTime } from './cluster-view.ts';
import { adoptPassword } from './passwords.ts';
import type { ServerPool } from './server-pool.ts';
import type { SnapshotFiles } from './snapshot-files.ts';
import type { ClusterRecord, StateStore } from './state-store.ts';
import { reason } from './task-runner.ts';

export interface RecoveryDeps {
  store: StateStore;
  pool: ServerPool;
  tasks: ClusterTasks;
  snapshots: SnapshotFiles;
  now: () => number;
  log: (message: string) => void;
}

/**
 * Brings every cluster to a known state at start: stops servers a killed emulator left behind, starts the
 * servers of available clusters, resumes interrupted tasks or marks them failed.
 */
export async function recoverAll(deps: RecoveryDeps): Promise<void> {
  await checkReachable(deps.pool);
  await removeOrphans(deps);
  for (const record of [...deps.store.clusters]) {
    try {
      await recover(record, deps);
    } catch (error) {
      deps.log(`cluster ${record.fields.id} could not be recovered: ${reason(error)}`);
      markUnavailable(record, error);
    }
  }
  await deps.store.save();
}

async function recover(record: ClusterRecord, deps: RecoveryDeps): Promise<void> {
  const { store, pool, tasks, snapshots, now, log } = deps;
  await pool.server(record).stopStale();
  const operation = record.local.operation;
  const { fields } = record;
  switch (operation?.kind) {
    case undefined:
      if ((fields.status === 'AVAILABLE' || fields.status === 'UNAVAILABLE') && record.local.port !== null) {
        await pool.start(record);
        fields.status = 'AVAILABLE';
      }
      return;
    case 'create':
      log(`resuming the creation of cluster ${fields.name}`);
      fields.action_progress = { CREATING: '0%' };
      tasks.create(record);
      return;
    case 'restore': {
      const snapshot = store.snapshots.find((s) => s.fields.id === operation.snapshotId);
      if (!snapshot || snapshot.fields.status !== 'AVAILABLE') {
        await tasks.failCreation(
          record,
          new Error('the snapshot it was restored from is no longer available'),
        );
        return;
      }
      log(`resuming the restore of cluster ${fields.name}`);
      fields.action_progress = { RESTORING: '0%' };
      tasks.restore(record, snapshot);
      return;
    }
    case 'restart':
      tasks.restart(record);
      return;
    case 'resize':
      await pool.start(record);
      fields.action_progress = { GROWING: '0%' };
      tasks.resize(record, operation.target);
      return;
    case 'snapshot': {
      await pool.start(record);
      const snapshot = store.snapshots.find((s) => s.fields.id === operation.snapshotId);
      const dir = snapshots.dirOf(operation.snapshotId);
      if (snapshot) {
        // The archives are renamed into place only when complete, so a finished directory is a finished snapshot.
        if (await isCompleteSnapshot(dir)) {
          snapshot.fields.size = (await directorySize(dir)) / 2 ** 30;
          snapshot.fields.status = 'AVAILABLE';
          snapshot.fields.finished = dwsTime(now());
        } else {
          await snapshots.remove(operation.snapshotId);
          snapshot.fields.status = 'UNAVAILABLE';
        }
      }
      record.local.operation = null;
      fields.task_status = null;
      fields.action_progress = null;
      return;
    }
    case 'reset-password':
      await pool.start(record);
      await pool.applyPassword(record, operation.password);
      adoptPassword(record, operation.password);
      return;
    case 'delete':
      tasks.delete(record, operation.keepLastManualSnapshot);
      return;
  }
}

function markUnavailable(record: ClusterRecord, error: unknown): void {
  const { fields } = record;
  record.local.operation = null;
  fields.task_status = null;
  fields.action_progress = null;
  if (fields.status === 'CREATING') fields.status = 'CREATION FAILED';
  else if (fields.status !== 'CREATION FAILED') fields.status = 'UNAVAILABLE';
  fields.failed_reasons = {
    error_code: dwsErrors.internal.errorCode,
    error_msg: `The server did not come back: ${reason(error)}`,
  };
}

/** Data directories and snapshot files no record knows (a crash between writing them and the metadata). */
async function removeOrphans({ store, pool, snapshots }: RecoveryDeps): Promise<void> {
  const clusterIds = new Set(store.clusters.map((c) => c.fields.id));
  for (const entry of await readdir(pool.clustersDir)) {
    if (clusterIds.has(entry)) continue;
    const orphan = new PostgresServer(pool.dataDirOf(entry), pool.settings);
    await orphan.stopStale().catch(() => false);
    await rm(pool.dataDirOf(entry), { recursive: true, force: true });
  }
  const snapshotIds = new Set(store.snapshots.map((s) => s.fields.id));
  for (const entry of await readdir(snapshots.root)) {
    if (entry.endsWith('.partial') || !snapshotIds.has(entry)) {
      await rm(path.join(snapshots.root, entry), { recursive: true, force: true });
    }
  }
}

async function checkReachable(pool: ServerPool): Promise<void> {
  const dir = pool.clustersDir;
  const { uid, gid } = pool.settings.runAs;
  if (uid === undefined || gid === undefined) return;
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn('/usr/bin/test', ['-x', dir], { uid, gid, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
  if (!ok) {
    throw new Error(
      `PostgreSQL runs as the postgres user, which cannot reach ${dir}: make its parent directories traversable (chmod o+x) or set DATA_DIR elsewhere`,
    );
  }
}
