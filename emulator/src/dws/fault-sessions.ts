import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { ConnectionTarget } from '../postgres/connection-target.ts';

/**
 * Faults made the way an application or an operator makes them, against a real server: sessions that hold a
 * transaction or a lock, as many connections as the server allows, a read-only switch, a crashed server. The
 * emulator's fault control and DBMind's diagnosis tests share them.
 */
export interface FaultSessions {
  /** The server's process ids of the sessions that keep the fault up. */
  readonly pids: number[];
  /** Ends the fault: rolls back and closes every session. */
  end(): Promise<void>;
}

/** A session without statement or idle timeouts: a fault lasts until it is ended. */
async function session(target: ConnectionTarget): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ ...target, application_name: 'fault', connectionTimeoutMillis: 10_000 });
  // The server may go away while the fault is up (a stop fault, a restart); the session just ends.
  client.on('error', () => undefined);
  await client.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  return { client, pid };
}

function endAll(clients: pg.Client[]): Promise<void> {
  return Promise.all(
    clients.map(async (client) => {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    }),
  ).then(() => undefined);
}

/** A transaction that stays open (it has taken a transaction id, as a forgotten write would). */
export async function holdLongTransaction(target: ConnectionTarget): Promise<FaultSessions> {
  const { client, pid } = await session(target);
  await client.query('BEGIN');
  await client.query('SELECT txid_current()');
  return { pids: [pid], end: () => endAll([client]) };
}

/**
 * One session holds an exclusive lock on `table` and a second waits for it; returns once the second is seen
 * waiting, so the lock conflict is real when this resolves.
 */
export async function holdTableLock(target: ConnectionTarget, table: string): Promise<FaultSessions> {
  const holder = await session(target);
  const waiter = await session(target).catch(async (error: unknown) => {
    await endAll([holder.client]);
    throw error;
  });
  const clients = [holder.client, waiter.client];
  try {
    const name = holder.client.escapeIdentifier(table);
    await holder.client.query('BEGIN');
    await holder.client.query(`LOCK TABLE ${name} IN ACCESS EXCLUSIVE MODE`);
    waiter.client.query(`SELECT count(*) FROM ${name}`).catch(() => undefined);
    for (;;) {
      const seen = await holder.client.query(
        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
        [waiter.pid],
      );
      if (seen.rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await endAll(clients);
    throw error;
  }
  return { pids: [holder.pid, waiter.pid], end: () => endAll(clients) };
}

/** Opens connections until the server refuses one with "too many clients" (SQLSTATE 53300). */
export async function exhaustConnections(target: ConnectionTarget, limit = 1000): Promise<FaultSessions> {
  const opened: { client: pg.Client; pid: number }[] = [];
  for (let i = 0; i < limit; i += 1) {
    try {
      opened.push(await session(target));
    } catch (error) {
      if ((error as { code?: string }).code === '53300') break;
      await endAll(opened.map((o) => o.client));
      throw error;
    }
  }
  return { pids: opened.map((o) => o.pid), end: () => endAll(opened.map((o) => o.client)) };
}

/** What a full disk makes a cluster do: new transactions are read-only. Needs a superuser's session. */
export async function switchReadOnly(superuser: pg.Client, readOnly: boolean): Promise<void> {
  await superuser.query(
    readOnly
      ? 'ALTER SYSTEM SET default_transaction_read_only = on'
      : 'ALTER SYSTEM RESET default_transaction_read_only',
  );
  await superuser.query('SELECT pg_reload_conf()');
}

/** A crash: SIGKILL to the postmaster named in the data directory's `postmaster.pid`. */
export async function killPostmaster(dataDir: string): Promise<number> {
  const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('the server has no postmaster.pid');
  process.kill(pid, 'SIGKILL');
  return pid;
}
