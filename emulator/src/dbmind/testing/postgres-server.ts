import { execFile, execFileSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';
import { freePort } from '../../postgres/ports.ts';
import { rememberSecrets } from '../../testing/test-run.ts';

const run = promisify(execFile);
const bin = '/usr/lib/postgresql/15/bin';

// Servers still running when the test process exits (a failed hook, an uncaught error) are stopped then.
const running = new Map<string, { uid: number; gid: number }>();
process.once('exit', () => {
  for (const [dataDirectory, ids] of running) {
    try {
      execFileSync(`${bin}/pg_ctl`, ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop'], {
        ...ids,
        cwd: '/tmp',
        stdio: 'ignore',
        timeout: 30_000,
      });
    } catch {
      // Already stopped.
    }
  }
});

/** The server's superuser, connecting to `database`. */
export function superuserOf(server: TestPostgres, database = 'postgres'): ConnectionTarget {
  return { host: server.host, port: server.port, user: server.user, password: server.password, database };
}

/** A throw-away PostgreSQL 15 server for tests, run as the `postgres` user (PostgreSQL refuses root). */
export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDirectory: string;
  /** Stops the server (it can be started again with `start`). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

export interface TestPostgresOptions {
  /** Extra `postgresql.conf` settings, e.g. `{ shared_preload_libraries: "'pg_stat_statements'" }`. */
  settings?: Record<string, string>;
  user?: string;
  password?: string;
}

async function asPostgres(command: string, args: string[]): Promise<void> {
  const ids = await postgresIds();
  await run(`${bin}/${command}`, args, { uid: ids.uid, gid: ids.gid, cwd: '/tmp', timeout: 60_000 });
}

let cachedIds: { uid: number; gid: number } | undefined;
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  if (cachedIds) return cachedIds;
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  cachedIds = { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  return cachedIds;
}

/** initdb + pg_ctl start on a free port of 127.0.0.1, password authentication, fsync off. */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const user = options.user ?? 'dbadmin';
  const password = options.password ?? 'Test@12345';
  rememberSecrets(password);
  const ids = await postgresIds();
  const root = await mkdtemp(path.join(tmpdir(), 'dbmind-pg-'));
  await chown(root, ids.uid, ids.gid);
  await chmod(root, 0o700);
  const dataDirectory = path.join(root, 'data');
  const pwfile = path.join(root, 'pwfile');
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  await chown(pwfile, ids.uid, ids.gid);
  await asPostgres('initdb', [
    '-D',
    dataDirectory,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  await rm(pwfile, { force: true });
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${root}'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    shared_buffers: "'32MB'",
    max_connections: '30',
    log_min_messages: 'fatal',
    ...options.settings,
  };
  const conf = Object.entries(settings)
    .map(([key, value]) => `${key} = ${value}`)
    .join('\n');
  await writeFile(path.join(dataDirectory, 'postgresql.auto.conf'), `${conf}\n`);
  await chown(path.join(dataDirectory, 'postgresql.auto.conf'), ids.uid, ids.gid);
  const logFile = path.join(root, 'server.log');

  const start = async () => {
    await asPostgres('pg_ctl', ['-D', dataDirectory, '-l', logFile, '-w', '-t', '60', 'start']);
    running.set(dataDirectory, ids);
  };
  const stop = async () => {
    await asPostgres('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop']);
    running.delete(dataDirectory);
  };
  try {
    await start();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dataDirectory,
    start,
    stop,
    async destroy() {
      if (running.has(dataDirectory)) await stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
