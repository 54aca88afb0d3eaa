import { rm } from 'node:fs/promises';
import { restoreSnapshot, writeSnapshot } from '../postgres/dumps.ts';
import { dwsTime } from './cluster-view.ts';
import { demoDurations, type Pacer } from './pacer.ts';
import type { ServerPool } from './server-pool.ts';
import type { SnapshotFiles } from './snapshot-files.ts';
import type { ClusterRecord, SnapshotRecord, StateStore } from './state-store.ts';
import type { TaskHolds } from './task-holds.ts';
import type { TaskRunner } from './task-runner.ts';

export interface ClusterTaskDeps {
  store: StateStore;
  pool: ServerPool;
  runner: TaskRunner;
  pacer: Pacer;
  snapshots: SnapshotFiles;
  holds: TaskHolds;
  now: () => number;
}

/** What each task does, step by step, and how it ends when it fails. Started by the service and by recovery. */
export class ClusterTasks {
  constructor(readonly deps: ClusterTaskDeps) {}

  create(record: ClusterRecord): void {
    const { pool, runner, pacer, holds } = this.deps;
    const server = pool.server(record);
    const duration = demoDurations.create;
    runner.launch(
      record,
      async (signal) => {
        await pacer.run(
          [
            { weight: 20, waitMs: duration * 0.4 },
            { weight: 30, run: () => server.initdb(record.local.superPassword, signal) },
            { weight: 10, run: () => pool.start(record, signal) },
            { weight: 10, run: () => pool.bootstrap(record) },
            { weight: 0, run: () => holds.pass('create', record, signal) },
            { weight: 30, waitMs: duration * 0.6 },
          ],
          signal,
          runner.progress(record, 'CREATING'),
        );
        await runner.finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.action_progress = null;
        });
      },
      (error) => this.failCreation(record, error),
    );
  }

  restore(record: ClusterRecord, snapshot: SnapshotRecord): void {
    const { pool, runner, pacer, snapshots, holds } = this.deps;
    const server = pool.server(record);
    const duration = demoDurations.restore;
    runner.launch(
      record,
      async (signal) => {
        const target = { server, superPassword: record.local.superPassword, signal };
        await pacer.run(
          [
            { weight: 15, waitMs: duration * 0.3 },
            { weight: 20, run: () => server.initdb(record.local.superPassword, signal) },
            { weight: 10, run: () => pool.start(record, signal) },
            {
              weight: 35,
              run: () => restoreSnapshot(target, snapshots.dirOf(snapshot.fields.id)),
            },
            { weight: 0, run: () => holds.pass('restore', record, signal) },
            { weight: 20, waitMs: duration * 0.7 },
          ],
          signal,
          runner.progress(record, 'RESTORING'),
        );
        await runner.finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.task_status = null;
          f.action_progress = null;
        });
      },
      (error) => this.failCreation(record, error),
    );
  }

  restart(record: ClusterRecord): void {
    const { pool, runner, pacer, holds } = this.deps;
    const server = pool.server(record);
    const half = demoDurations.restart / 2;
    runner.launch(
      record,
      async (signal) => {
        await pacer.run(
          [
            { weight: 30, waitMs: half },
            { weight: 20, run: () => server.stop() },
            // Held with its server down, as a real reboot is for most of its time.
            { weight: 0, run: () => holds.pass('restart', record, signal) },
            { weight: 30, run: () => pool.start(record, signal) },
            { weight: 20, waitMs: half },
          ],
          signal,
          () => undefined,
        );
        await runner.finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.task_status = null;
          f.failed_reasons = null;
        });
      },
      (error) =>
        runner.recordFailure(record, 'Restart failed', error, (f) => {
          f.task_status = 'REBOOT_FAILURE';
          f.status = server.isRunning ? 'AVAILABLE' : 'UNAVAILABLE';
        }),
    );
  }

  resize(record: ClusterRecord, target: number): void {
    const { runner, pacer, holds } = this.deps;
    runner.launch(
      record,
      async (signal) => {
        // Every node is the same PostgreSQL server here: growing changes what the cluster reports, nothing more.
        await pacer.run(
          [
            { weight: 50, waitMs: demoDurations.resize / 2 },
            { weight: 0, run: () => holds.pass('resize', record, signal) },
            { weight: 50, waitMs: demoDurations.resize / 2 },
          ],
          signal,
          runner.progress(record, 'GROWING'),
        );
        await runner.finish(record, (f) => {
          f.number_of_node = target;
          f.resize_info = null;
          f.task_status = null;
          f.action_progress = null;
        });
      },
      (error) =>
        runner.recordFailure(record, 'Scale-out failed', error, (f) => {
          f.task_status = 'RESIZE_FAILURE';
          f.action_progress = null;
          if (f.resize_info) f.resize_info.resize_status = 'RESIZE_FAILURE';
        }),
    );
  }

  snapshot(cluster: ClusterRecord, snapshot: SnapshotRecord): void {
    const { pool, runner, pacer, snapshots, holds, now } = this.deps;
    const server = pool.server(cluster);
    const half = demoDurations.snapshot / 2;
    runner.launch(
      cluster,
      async (signal) => {
        let bytes = 0;
        const target = { server, superPassword: cluster.local.superPassword, signal };
        await pacer.run(
          [
            { weight: 30, waitMs: half },
            // Held before the dump: a snapshot cut short while held has no archives yet.
            { weight: 0, run: () => holds.pass('snapshot', cluster, signal) },
            {
              weight: 50,
              run: async () => {
                bytes = await writeSnapshot(target, snapshots.dirOf(snapshot.fields.id));
              },
            },
            { weight: 20, waitMs: half },
          ],
          signal,
          runner.progress(cluster, 'SNAPSHOTTING'),
        );
        snapshot.fields.status = 'AVAILABLE';
        snapshot.fields.size = bytes / 2 ** 30;
        snapshot.fields.finished = dwsTime(now());
        await runner.finish(cluster, (f) => {
          f.task_status = null;
          f.action_progress = null;
        });
      },
      async (error) => {
        await snapshots.remove(snapshot.fields.id);
        snapshot.fields.status = 'UNAVAILABLE';
        await runner.recordFailure(cluster, null, error, (f) => {
          f.task_status = null;
          f.action_progress = null;
        });
      },
    );
  }

  delete(record: ClusterRecord, keepLastManualSnapshot: number): void {
    const { store, pool, runner, pacer, snapshots, holds } = this.deps;
    const server = pool.server(record);
    const id = record.fields.id;
    runner.launch(
      record,
      async (signal) => {
        await pacer.wait(demoDurations.delete, signal);
        await holds.pass('delete', record, signal);
        await server.stop();
        await rm(pool.dataDirOf(id), { recursive: true, force: true });
        const own = store.snapshots.filter(
          (s) => s.fields.cluster_id === id && s.projectId === record.projectId,
        );
        // Newest first; snapshots taken within the same second keep their order of creation.
        const keep = new Set(
          [...own]
            .reverse()
            .filter((s) => s.fields.type === 'MANUAL' && s.fields.status === 'AVAILABLE')
            .sort((a, b) => b.fields.started.localeCompare(a.fields.started))
            .slice(0, keepLastManualSnapshot)
            .map((s) => s.fields.id),
        );
        const drop = own.filter((s) => !keep.has(s.fields.id));
        for (const snapshot of drop) store.removeSnapshot(snapshot.fields.id);
        await store.save();
        for (const snapshot of drop) await snapshots.remove(snapshot.fields.id);
        // The cluster goes last: until then a restarted emulator still knows to finish this deletion.
        store.removeCluster(id);
        pool.forget(id);
        await store.save();
      },
      (error) =>
        runner.recordFailure(record, 'Deletion failed', error, (f) => {
          f.status = 'DELETE_FAILED';
        }),
    );
  }

  async failCreation(record: ClusterRecord, error: unknown): Promise<void> {
    await this.deps.pool.server(record).stop();
    await this.deps.runner.recordFailure(record, 'The cluster could not be created', error, (f) => {
      f.status = 'CREATION FAILED';
      f.task_status = null;
      f.action_progress = null;
    });
  }
}
