import { z } from 'zod';
import { defaultDatabase } from './cluster-view.ts';
import {
  exhaustConnections,
  holdLongTransaction,
  holdTableLock,
  killPostmaster,
  switchReadOnly,
  type FaultSessions,
} from './fault-sessions.ts';
import type { ServerPool } from './server-pool.ts';
import type { ClusterRecord } from './state-store.ts';

export const faultKinds = ['stop', 'read-only', 'connections', 'lock', 'long-transaction'] as const;
export type FaultKind = (typeof faultKinds)[number];

export const faultRequestSchema = z.strictObject({
  fault: z.enum(faultKinds),
  /** The table `lock` locks, in database `gaussdb`; one of its own (`fault_lock`) when absent. */
  table: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase table name')
    .optional(),
});
export type FaultRequest = z.infer<typeof faultRequestSchema>;

export class FaultError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const ownLockTable = 'fault_lock';

/**
 * Faults on demand in a cluster's real server, for demos and tests. Sessions that keep a fault up connect as the
 * cluster's administrator, as an application would; the read-only switch and the crash are an operator's.
 */
export class FaultControl {
  readonly #sessions = new Map<string, Map<FaultKind, FaultSessions>>();

  constructor(readonly pool: ServerPool) {}

  active(clusterId: string): FaultKind[] {
    return [...(this.#sessions.get(clusterId)?.keys() ?? [])];
  }

  async inject(record: ClusterRecord, request: FaultRequest): Promise<{ pids: number[] }> {
    const id = record.fields.id;
    const { fault } = request;
    const server = this.pool.server(record);
    const port = record.local.port;
    if (!server.isRunning || port === null) {
      throw new FaultError(409, 'The cluster has no running database server.');
    }
    const superuser = <T>(work: Parameters<typeof server.withSuperuser<T>>[1], database?: string) =>
      server.withSuperuser(record.local.superPassword, work, database);
    switch (fault) {
      case 'stop':
        return { pids: [await killPostmaster(server.dataDir)] };
      case 'read-only':
        await superuser((client) => switchReadOnly(client, true));
        return { pids: [] };
      default:
        break;
    }
    if (this.#sessions.get(id)?.has(fault)) throw new FaultError(409, `A ${fault} fault is already up.`);
    const target = {
      host: '127.0.0.1',
      port,
      user: record.fields.user_name,
      password: record.local.adminPassword,
      database: defaultDatabase,
    };
    let sessions: FaultSessions;
    if (fault === 'lock') {
      const table = request.table ?? ownLockTable;
      if (table === ownLockTable) {
        await superuser(async (client) => {
          await client.query(`CREATE TABLE IF NOT EXISTS ${ownLockTable} (id int)`);
          await client.query(
            `ALTER TABLE ${ownLockTable} OWNER TO ${client.escapeIdentifier(record.fields.user_name)}`,
          );
        }, defaultDatabase);
      }
      sessions = await holdTableLock(target, table);
    } else if (fault === 'connections') {
      sessions = await exhaustConnections(target);
    } else {
      sessions = await holdLongTransaction(target);
    }
    const own = this.#sessions.get(id) ?? new Map<FaultKind, FaultSessions>();
    own.set(fault, sessions);
    this.#sessions.set(id, own);
    return { pids: sessions.pids };
  }

  /** Ends a fault: closes its sessions, switches read-only off, or starts a stopped server again. */
  async end(record: ClusterRecord, fault: FaultKind): Promise<void> {
    const id = record.fields.id;
    const server = this.pool.server(record);
    if (fault === 'stop') {
      if (!server.isRunning) await this.pool.start(record);
      return;
    }
    if (fault === 'read-only') {
      if (!server.isRunning) throw new FaultError(409, 'The cluster has no running database server.');
      await server.withSuperuser(record.local.superPassword, (client) => switchReadOnly(client, false));
      return;
    }
    const sessions = this.#sessions.get(id)?.get(fault);
    if (!sessions) throw new FaultError(404, `No ${fault} fault is up.`);
    this.#sessions.get(id)?.delete(fault);
    await sessions.end();
  }

  async endAll(): Promise<void> {
    const all = [...this.#sessions.values()].flatMap((m) => [...m.values()]);
    this.#sessions.clear();
    await Promise.all(all.map((s) => s.end()));
  }
}
