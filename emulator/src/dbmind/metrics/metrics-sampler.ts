import type pg from 'pg';
import type { ClusterDirectory } from '../cluster-directory.ts';
import { describeDatabaseError, ToolError } from '../errors.ts';
import { instanceAddress, type ManagedInstance } from '../managed-instances.ts';
import { withClient } from '../pg-client.ts';
import type { MetricName } from './metric-catalog.ts';
import { isLongTransaction, isSlowQuery, type DetectionThresholds } from './thresholds.ts';

export interface SessionActivity {
  pid: number;
  user: string;
  database: string;
  state: string;
  query: string;
  querySeconds: number;
  transactionSeconds: number;
}

export interface LockWait {
  pid: number;
  database: string;
  query: string;
  blockingPids: number[];
  waitSeconds: number;
}

/** What one look at an instance found. */
export interface InstanceSample {
  address: string;
  at: number;
  reachable: boolean;
  /** The connection error (SQLSTATE or errno) when the instance could not be sampled. */
  errorCode?: string;
  error?: string;
  metrics: Partial<Record<MetricName, number>>;
  startedAt?: number;
  /** The postmaster start time moved since the previous sample: the server restarted. */
  restarted: boolean;
  inRecovery?: boolean;
  readOnly?: boolean;
  inactiveSlots?: number;
  connections?: number;
  connectionLimit?: number;
  longTransactions: SessionActivity[];
  slowQueries: SessionActivity[];
  lockWaits: LockWait[];
}

interface InstanceState {
  last?: InstanceSample;
  counters?: { at: number; xacts: number; deadlocks: number };
  startedAt?: number;
  inFlight?: Promise<InstanceSample>;
}

export type SampleListener = (instance: ManagedInstance, sample: InstanceSample) => void;

export interface MetricsSamplerOptions {
  directory: ClusterDirectory;
  intervalMs: number;
  /**
   * The instance's figures in Prometheus that DBMind's alarm rules judge (decision 032): whether it answers, its
   * connections, long transactions, and the CPU, memory and disk of its processes and data directory.
   */
  figures?: (address: string) => Promise<Partial<Record<MetricName, number>>>;
  thresholds: DetectionThresholds;
  now?: () => number;
}

const overviewSql = `
SELECT
  (SELECT count(*) FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())::int AS connections,
  (SELECT count(*) FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid())::int AS active,
  current_setting('max_connections')::int AS max_connections,
  current_setting('superuser_reserved_connections')::int AS reserved,
  (SELECT coalesce(sum(xact_commit + xact_rollback), 0) FROM pg_stat_database)::float8 AS xacts,
  (SELECT coalesce(sum(deadlocks), 0) FROM pg_stat_database)::float8 AS deadlocks,
  (SELECT coalesce(sum(blks_hit), 0) FROM pg_stat_database)::float8 AS blks_hit,
  (SELECT coalesce(sum(blks_read), 0) FROM pg_stat_database)::float8 AS blks_read,
  (SELECT coalesce(sum(pg_database_size(oid)), 0) FROM pg_database WHERE datallowconn)::float8 AS db_size,
  (SELECT count(*) FROM pg_locks WHERE NOT granted)::int AS lock_waits,
  pg_is_in_recovery() AS in_recovery,
  (current_setting('transaction_read_only') = 'on'
     OR current_setting('default_transaction_read_only') = 'on') AS read_only,
  (extract(epoch FROM pg_postmaster_start_time()) * 1000)::float8 AS started_at,
  (SELECT count(*) FROM pg_replication_slots WHERE NOT active)::int AS inactive_slots,
  CASE WHEN pg_is_in_recovery() THEN 0 ELSE
    (SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), 0) FROM pg_replication_slots)
  END::float8 AS slot_retained_bytes`;

const activitySql = `
SELECT pid, coalesce(usename, '') AS usename, coalesce(datname, '') AS datname, coalesce(state, '') AS state,
  left(coalesce(query, ''), 2000) AS query,
  coalesce(extract(epoch FROM now() - query_start), 0)::float8 AS query_seconds,
  coalesce(extract(epoch FROM now() - xact_start), 0)::float8 AS xact_seconds
FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
  AND ((state = 'active' AND query_start < now() - make_interval(secs => $1))
       OR xact_start < now() - make_interval(secs => $2))
ORDER BY xact_start NULLS LAST
LIMIT 50`;

const lockWaitSql = `
SELECT pid, coalesce(datname, '') AS datname, left(coalesce(query, ''), 2000) AS query,
  pg_blocking_pids(pid) AS blocking,
  coalesce(extract(epoch FROM now() - query_start), 0)::float8 AS wait_seconds
FROM pg_stat_activity
WHERE cardinality(pg_blocking_pids(pid)) > 0
ORDER BY query_start
LIMIT 50`;

interface OverviewRow {
  connections: number;
  active: number;
  max_connections: number;
  reserved: number;
  xacts: number;
  deadlocks: number;
  blks_hit: number;
  blks_read: number;
  db_size: number;
  lock_waits: number;
  in_recovery: boolean;
  read_only: boolean;
  started_at: number;
  inactive_slots: number;
  slot_retained_bytes: number;
}

function toActivity(row: Record<string, unknown>): SessionActivity {
  return {
    pid: Number(row.pid),
    user: String(row.usename),
    database: String(row.datname),
    state: String(row.state),
    query: String(row.query),
    querySeconds: Number(row.query_seconds),
    transactionSeconds: Number(row.xact_seconds),
  };
}

/**
 * Looks at every managed instance on a timer and tells listeners (the alarm detector) what it found: the sessions
 * behind an alarm, which no metric carries. The series themselves are Prometheus's (`metric-history.ts`).
 * `stop()` ends the timer and waits for the look in flight.
 */
export class MetricsSampler {
  readonly #options: MetricsSamplerOptions;
  readonly #now: () => number;
  readonly #states = new Map<string, InstanceState>();
  readonly #listeners: SampleListener[] = [];
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #stopped = false;

  constructor(options: MetricsSamplerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  onSample(listener: SampleListener): void {
    this.#listeners.push(listener);
  }

  start(): void {
    if (this.#timer || this.#stopped) return;
    const run = () => {
      if (this.#tick || this.#stopped) return;
      this.#tick = this.sampleAll()
        .catch((error: unknown) => {
          console.error('dbmind: metrics sampling failed', error instanceof Error ? error.message : error);
        })
        .finally(() => {
          this.#tick = undefined;
        });
    };
    this.#timer = setInterval(run, this.#options.intervalMs);
    this.#timer.unref();
    run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
    await Promise.allSettled(
      [...this.#states.values()]
        .map((s) => s.inFlight)
        .filter((p): p is Promise<InstanceSample> => p !== undefined),
    );
  }

  /** Samples every managed instance now and forgets instances that are no longer managed. */
  async sampleAll(): Promise<void> {
    const instances = await this.#options.directory.list();
    const live = new Set(instances.map(instanceAddress));
    for (const address of this.#states.keys()) if (!live.has(address)) this.#states.delete(address);
    await Promise.allSettled(instances.map((instance) => this.sampleNow(instance)));
  }

  /** Samples one instance now (joining a sample already in flight). */
  sampleNow(instance: ManagedInstance): Promise<InstanceSample> {
    const address = instanceAddress(instance);
    const state = this.#state(address);
    if (state.inFlight) return state.inFlight;
    const promise = this.#sample(instance, state).finally(() => {
      state.inFlight = undefined;
    });
    state.inFlight = promise;
    return promise;
  }

  latest(address: string): InstanceSample | undefined {
    return this.#states.get(address)?.last;
  }

  #state(address: string): InstanceState {
    let state = this.#states.get(address);
    if (!state) {
      state = {};
      this.#states.set(address, state);
    }
    return state;
  }

  async #sample(instance: ManagedInstance, state: InstanceState): Promise<InstanceSample> {
    const at = this.#now();
    const address = instanceAddress(instance);
    const thresholds = this.#options.thresholds;
    const sample: InstanceSample = {
      address,
      at,
      reachable: false,
      metrics: {},
      restarted: false,
      longTransactions: [],
      slowQueries: [],
      lockWaits: [],
    };
    const figures = await this.#options.figures?.(address);

    try {
      await withClient(
        this.#options.directory.adminTarget(instance),
        async (client: pg.Client) => {
          const overview = (await client.query<OverviewRow>(overviewSql)).rows[0]!;
          const activity = await client.query(activitySql, [
            thresholds.slowQuerySeconds,
            thresholds.longTransactionSeconds,
          ]);
          const locks = await client.query(lockWaitSql);
          this.#fill(sample, state, overview);
          for (const row of activity.rows as Record<string, unknown>[]) {
            const a = toActivity(row);
            if (isLongTransaction(a.transactionSeconds, thresholds)) sample.longTransactions.push(a);
            if (a.state === 'active' && isSlowQuery(a.querySeconds, thresholds)) sample.slowQueries.push(a);
          }
          sample.lockWaits = (locks.rows as Record<string, unknown>[]).map((row) => ({
            pid: Number(row.pid),
            database: String(row.datname),
            query: String(row.query),
            blockingPids: (row.blocking as number[]).map(Number),
            waitSeconds: Number(row.wait_seconds),
          }));
        },
        { connectTimeoutMs: 3000, statementTimeoutMs: 5000 },
      );
      sample.reachable = true;
    } catch (error) {
      const cause = error instanceof ToolError ? error.cause : error;
      const code = (cause as { code?: string } | undefined)?.code;
      sample.errorCode = code;
      sample.error = describeDatabaseError(cause);
      // "Too many clients" means the server is up and every slot is taken (its exporter cannot log in either).
      if (code === '53300') sample.metrics.gaussdb_connection_usage = 100;
    }
    // The look fills in what no metric carries; where Prometheus has a figure, the rules judge Prometheus's.
    Object.assign(sample.metrics, figures);

    state.last = sample;
    for (const listener of this.#listeners) {
      try {
        listener(instance, sample);
      } catch (error) {
        console.error('dbmind: sample listener failed', error instanceof Error ? error.message : error);
      }
    }
    return sample;
  }

  #fill(sample: InstanceSample, state: InstanceState, row: OverviewRow): void {
    const limit = Math.max(1, row.max_connections - row.reserved);
    sample.connections = row.connections;
    sample.connectionLimit = limit;
    sample.inRecovery = row.in_recovery;
    sample.readOnly = row.read_only;
    sample.inactiveSlots = row.inactive_slots;
    sample.startedAt = Math.round(row.started_at);
    sample.restarted = state.startedAt !== undefined && sample.startedAt !== state.startedAt;
    state.startedAt = sample.startedAt;

    const m = sample.metrics;
    m.gaussdb_total_connection = row.connections;
    m.gaussdb_active_connection = row.active;
    m.pg_lock_waiting_count = row.lock_waits;
    m.gaussdb_db_size_total = row.db_size / 1024 / 1024;
    m.pg_replication_slot_retained_wal = row.slot_retained_bytes / 1024 / 1024;
    const blocks = row.blks_hit + row.blks_read;
    if (blocks > 0) m.pg_cache_hit_ratio = (row.blks_hit / blocks) * 100;

    const previous = state.counters;
    // Counters restart with the server; a drop means a restart, not negative traffic.
    if (previous && sample.at > previous.at && row.xacts >= previous.xacts && !sample.restarted) {
      m.gaussdb_qps_by_instance = ((row.xacts - previous.xacts) / (sample.at - previous.at)) * 1000;
      m.gaussdb_log_dead_lock_count = Math.max(0, row.deadlocks - previous.deadlocks);
    }
    state.counters = { at: sample.at, xacts: row.xacts, deadlocks: row.deadlocks };
  }
}
