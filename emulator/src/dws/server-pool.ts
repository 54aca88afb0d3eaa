import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { freePort, isPortFree } from '../postgres/ports.ts';
import { PortInUseError, PostgresServer, type PostgresSettings } from '../postgres/server.ts';
import { defaultDatabase } from './cluster-view.ts';
import type { ClusterRecord, StateStore } from './state-store.ts';

/** The PostgreSQL server of every cluster, and the emulator's own work inside them as their superuser. */
export class ServerPool {
  readonly #servers = new Map<string, PostgresServer>();

  constructor(
    readonly clustersDir: string,
    readonly settings: PostgresSettings,
    readonly store: StateStore,
  ) {}

  server(record: ClusterRecord): PostgresServer {
    const id = record.fields.id;
    let server = this.#servers.get(id);
    if (!server) {
      server = new PostgresServer(this.dataDirOf(id), this.settings);
      this.#servers.set(id, server);
    }
    return server;
  }

  dataDirOf(clusterId: string): string {
    return path.join(this.clustersDir, clusterId);
  }

  isRunning(clusterId: string): boolean {
    return this.#servers.get(clusterId)?.isRunning ?? false;
  }

  /** Starts the cluster's server on its earlier port when that is still free, otherwise on a new one. */
  async start(record: ClusterRecord, signal?: AbortSignal): Promise<void> {
    const server = this.server(record);
    await removeStalePidFile(server.dataDir);
    let port = record.local.port;
    for (let attempt = 1; ; attempt++) {
      if (port === null || !(await isPortFree(port))) port = await freePort();
      try {
        await server.start(port, signal);
        break;
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 5) throw error;
        port = null;
      }
    }
    record.local.port = port;
    await this.store.save();
  }

  /** The administrator role and the default database of a new cluster. */
  async bootstrap(record: ClusterRecord): Promise<void> {
    const { user_name: user } = record.fields;
    await this.server(record).withSuperuser(record.local.superPassword, async (client) => {
      const role = client.escapeIdentifier(user);
      // Not a superuser: a superuser could run programs on this machine (COPY ... PROGRAM) as the postgres user.
      await client.query(
        `CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE PASSWORD ${client.escapeLiteral(record.local.adminPassword)}`,
      );
      await client.query(`GRANT pg_monitor TO ${role}`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(defaultDatabase)} OWNER ${role}`);
    });
  }

  async applyPassword(record: ClusterRecord, password: string): Promise<void> {
    await this.server(record).withSuperuser(record.local.superPassword, (client) =>
      client.query(
        `ALTER ROLE ${client.escapeIdentifier(record.fields.user_name)} PASSWORD ${client.escapeLiteral(password)}`,
      ),
    );
  }

  forget(clusterId: string): void {
    this.#servers.delete(clusterId);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#servers.values()].map((server) => server.stop()));
  }
}

/**
 * A server that crashed (SIGKILL) leaves its `postmaster.pid`, which still says "ready": a new server would be
 * taken for ready before it listens. PostgreSQL itself ignores the file once its process is gone, so may we.
 */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(file, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
    return; // still alive: the server's own start refuses, naming the reason
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return;
  }
  await rm(file, { force: true });
}
