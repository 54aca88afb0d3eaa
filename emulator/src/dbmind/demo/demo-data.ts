import type pg from 'pg';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';
import { connect, withClient } from '../pg-client.ts';

/** The seed's first example asks about `select * from t1 where id = 10000` in `test_db`. */
export const demoDatabase = 'test_db';
const demoRows = 100_000;

/**
 * Gives an instance the seed's demo data: database `test_db` with a table `t1` of 100 000 rows and no index on
 * `id`, analysed. Idempotent: existing data is left alone. Returns whether anything was created.
 */
export async function seedDemoData(admin: ConnectionTarget): Promise<boolean> {
  let created = false;
  await withClient(admin, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [demoDatabase]);
    if (!exists.rowCount) {
      await client.query(`CREATE DATABASE ${demoDatabase}`);
      created = true;
    }
  });
  await withClient(
    { ...admin, database: demoDatabase },
    async (client) => {
      await client.query(`CREATE TABLE IF NOT EXISTS public.t1 (
        id integer NOT NULL,
        name text NOT NULL,
        amount numeric(12, 2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
      const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.t1');
      if (count.rows[0]!.n === 0) {
        await client.query(
          `INSERT INTO public.t1 (id, name, amount, created_at)
           SELECT g, 'customer_' || g, ((g * 7919) % 1000000) / 100.0, now() - (g || ' seconds')::interval
             FROM generate_series(1, $1) AS g`,
          [demoRows],
        );
        created = true;
      }
      const preload = await client.query<{ v: string }>(
        "SELECT current_setting('shared_preload_libraries') AS v",
      );
      if (preload.rows[0]!.v.includes('pg_stat_statements')) {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
      }
    },
    { statementTimeoutMs: 120_000 },
  );
  // A separate session: PostgreSQL 15 reports the insert's row counts when its session ends, and an ANALYZE
  // before that would leave the table looking "modified since analyze".
  if (created) await withClient({ ...admin, database: demoDatabase }, (c) => c.query('ANALYZE public.t1'));
  return created;
}

export interface DemoWorkloadOptions {
  /** Point lookups run this often. */
  lookupEveryMs: number;
  /** A reporting transaction starts this often and stays open `reportHoldMs`. */
  reportEveryMs: number;
  firstReportAfterMs: number;
  reportHoldMs: number;
}

/**
 * Some traffic on the demo data, so DBMind has something true to show: lookups by `id` (a full scan each, since
 * `t1` has no index) and, now and then, a reporting session that keeps its transaction open longer than the long
 * transaction threshold, which the alarm detector then reports. Failures (a stopped or restarted cluster) are
 * ignored; the next round tries again.
 */
export class DemoWorkload {
  #timers: NodeJS.Timeout[] = [];
  #clients = new Set<pg.Client>();
  #stopped = false;

  constructor(
    private readonly target: ConnectionTarget,
    private readonly options: DemoWorkloadOptions,
  ) {}

  start(): void {
    const every = (ms: number, task: () => Promise<void>, firstAfterMs = ms) => {
      const run = () => void task().catch(() => undefined);
      const first = setTimeout(() => {
        run();
        const repeat = setInterval(run, ms);
        repeat.unref();
        this.#timers.push(repeat);
      }, firstAfterMs);
      first.unref();
      this.#timers.push(first);
    };
    every(this.options.lookupEveryMs, () => this.#lookups(), 1000);
    every(this.options.reportEveryMs, () => this.#report(), this.options.firstReportAfterMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    await Promise.all([...this.#clients].map((c) => c.end().catch(() => undefined)));
    this.#clients.clear();
  }

  async #session<T>(fn: (client: pg.Client) => Promise<T>): Promise<T | undefined> {
    if (this.#stopped) return undefined;
    const client = await connect(
      { ...this.target, database: demoDatabase },
      { statementTimeoutMs: 60_000, trackStatements: true },
    );
    this.#clients.add(client);
    try {
      return await fn(client);
    } finally {
      this.#clients.delete(client);
      await client.end().catch(() => undefined);
    }
  }

  async #lookups(): Promise<void> {
    await this.#session(async (client) => {
      for (let i = 0; i < 20 && !this.#stopped; i += 1) {
        await client.query('SELECT * FROM t1 WHERE id = $1', [1 + Math.floor(Math.random() * demoRows)]);
      }
    });
  }

  async #report(): Promise<void> {
    await this.#session(async (client) => {
      await client.query('BEGIN');
      await client.query('SELECT count(*), sum(amount) FROM t1');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.reportHoldMs);
        timer.unref();
      });
      await client.query('COMMIT');
    });
  }
}
