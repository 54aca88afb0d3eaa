import { dwsErrors } from '@dws-console/shared';
import type { ServerPool } from './server-pool.ts';
import type { ClusterRecord, StateStore } from './state-store.ts';
import { reason, type TaskRunner } from './task-runner.ts';

export interface HealthMonitorDeps {
  store: StateStore;
  pool: ServerPool;
  runner: TaskRunner;
  intervalMs: number;
  log: (message: string) => void;
}

/** The code `failed_reasons` carries while the monitor sees the server down (table 7-2 has none for it). */
const serverDownCode = dwsErrors.internal.errorCode;

/**
 * Makes each idle cluster's status follow its real server (decision 015): a server that is not running or does
 * not answer its superuser makes the cluster UNAVAILABLE; one that answers makes it AVAILABLE again, with
 * `sub_status` READONLY while new transactions are read-only (`default_transaction_read_only`, what a full
 * disk switches on) and NORMAL otherwise. Clusters in a task are left to the task. Returns what stops it.
 */
export function startHealthMonitor(deps: HealthMonitorDeps): () => Promise<void> {
  let stopped = false;
  let round: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    round = round.then(checkAll).catch((error: unknown) => deps.log(`health check failed: ${reason(error)}`));
  }, deps.intervalMs);
  timer.unref();

  async function checkAll(): Promise<void> {
    let changed = false;
    for (const record of [...deps.store.clusters]) {
      if (stopped) return;
      if (isWatched(record)) changed = (await check(record)) || changed;
    }
    if (changed) await deps.store.save();
  }

  async function check(record: ClusterRecord): Promise<boolean> {
    const { pool } = deps;
    const observed = await observe(record, pool);
    // A task may have begun while the server was asked; it decides the status from now on.
    if (stopped || !isWatched(record)) return false;
    const { fields } = record;
    const before = `${fields.status}|${fields.sub_status}`;
    if (observed.ok) {
      if (fields.status === 'UNAVAILABLE' && fields.failed_reasons?.error_code === serverDownCode) {
        fields.failed_reasons = null;
      }
      fields.status = 'AVAILABLE';
      fields.sub_status = observed.readOnly ? 'READONLY' : 'NORMAL';
    } else {
      if (fields.status === 'AVAILABLE') {
        deps.log(`cluster ${fields.name} (${fields.id}) is unavailable: ${observed.why}`);
        fields.failed_reasons = { error_code: serverDownCode, error_msg: observed.why };
      }
      fields.status = 'UNAVAILABLE';
      fields.sub_status = 'NORMAL';
    }
    if (before === `${fields.status}|${fields.sub_status}`) return false;
    fields.recent_event += 1;
    deps.runner.touch(record);
    return true;
  }

  return async () => {
    stopped = true;
    clearInterval(timer);
    await round;
  };
}

function isWatched(record: ClusterRecord): boolean {
  const { status } = record.fields;
  return (
    record.local.operation === null &&
    record.local.port !== null &&
    (status === 'AVAILABLE' || status === 'UNAVAILABLE')
  );
}

type Observation = { ok: true; readOnly: boolean } | { ok: false; why: string };

async function observe(record: ClusterRecord, pool: ServerPool): Promise<Observation> {
  if (!pool.isRunning(record.fields.id)) {
    return { ok: false, why: 'The database server is not running; restart the cluster.' };
  }
  try {
    const readOnly = await pool.server(record).withSuperuser(record.local.superPassword, async (client) => {
      const result = await client.query<{ value: string }>(
        "SELECT current_setting('default_transaction_read_only') AS value",
      );
      return result.rows[0]?.value === 'on';
    });
    return { ok: true, readOnly };
  } catch (error) {
    return { ok: false, why: `The database server does not answer: ${reason(error)}` };
  }
}
