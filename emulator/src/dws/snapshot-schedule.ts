import type { ServerPool } from './server-pool.ts';
import type { StateStore } from './state-store.ts';
import { reason } from './task-runner.ts';

export interface SnapshotScheduleDeps {
  store: StateStore;
  pool: ServerPool;
  /** 24 h at demo pace; `EMULATOR_SPEED` divides it. */
  periodMs: number;
  now: () => number;
  log: (message: string) => void;
  take: (projectId: string, clusterId: string) => Promise<string>;
}

/** The daily automated snapshot of every idle, running cluster. Returns what stops it. */
export function startSnapshotSchedule(deps: SnapshotScheduleDeps): () => void {
  let stopped = false;
  const timer = setInterval(() => void takeDue(), Math.min(60_000, deps.periodMs / 4));
  timer.unref();

  async function takeDue(): Promise<void> {
    const { store, pool, periodMs } = deps;
    for (const cluster of store.clusters) {
      if (stopped) return;
      if (
        cluster.fields.status !== 'AVAILABLE' ||
        cluster.local.operation ||
        !pool.isRunning(cluster.fields.id)
      ) {
        continue;
      }
      const autos = store.snapshots.filter(
        (s) => s.fields.cluster_id === cluster.fields.id && s.fields.type === 'AUTO',
      );
      const last = Math.max(
        Date.parse(cluster.fields.created),
        ...autos.map((s) => Date.parse(s.fields.started)),
      );
      if (deps.now() - last < periodMs) continue;
      await deps
        .take(cluster.projectId, cluster.fields.id)
        .catch((error: unknown) =>
          deps.log(`automated snapshot of ${cluster.fields.name} skipped: ${reason(error)}`),
        );
    }
  }

  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
