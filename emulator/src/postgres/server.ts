import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { RunAs } from './run-as.ts';
import { runTool, ToolError } from './tools.ts';
import { WatchdogChild } from './watchdog-child.ts';

/** The bootstrap superuser the emulator manages a cluster with; users get their own administrator role. */
export const superuserName = 'postgres';

export interface PostgresSettings {
  binDir: string;
  runAs: RunAs;
  /** `false` turns fsync off in initdb and the server (tests and demos: faster, not crash-safe). */
  fsync: boolean;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One cluster's PostgreSQL server: its data directory, its log, and the process while it runs. */
export class PostgresServer {
  readonly dataDir: string;
  readonly logFile: string;
  #process: WatchdogChild | undefined;
  #port: number | undefined;

  constructor(
    readonly clusterDir: string,
    readonly settings: PostgresSettings,
  ) {
    this.dataDir = path.join(clusterDir, 'pgdata');
    this.logFile = path.join(clusterDir, 'server.log');
  }

  get isRunning(): boolean {
    return this.#process?.isRunning ?? false;
  }

  get port(): number | undefined {
    return this.#port;
  }

  /** Creates an empty data directory owned by the server's user, with the superuser's password. */
  async initdb(superPassword: string, signal?: AbortSignal): Promise<void> {
    const { runAs, binDir } = this.settings;
    await rm(this.dataDir, { recursive: true, force: true });
    await mkdir(this.clusterDir, { recursive: true });
    // The server's user must reach its data directory through this one, without reading anything else here.
    await chmod(this.clusterDir, 0o711);
    await mkdir(this.dataDir, { mode: 0o700 });
    const pwfile = path.join(this.clusterDir, '.initdb-pw');
    await writeFile(pwfile, `${superPassword}\n`, { mode: 0o600 });
    try {
      if (runAs.uid !== undefined && runAs.gid !== undefined) {
        await chown(this.dataDir, runAs.uid, runAs.gid);
        await chown(pwfile, runAs.uid, runAs.gid);
      }
      await runTool(
        binDir,
        'initdb',
        [
          '-D',
          this.dataDir,
          '-U',
          superuserName,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
          ...(this.settings.fsync ? [] : ['--no-sync']),
        ],
        { runAs, ...(signal ? { signal } : {}) },
      );
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  /** Starts the server on 127.0.0.1:`port` and waits until it accepts connections. */
  async start(port: number, signal?: AbortSignal): Promise<void> {
    if (this.isRunning) throw new Error('the server is already running');
    const { runAs, binDir, fsync } = this.settings;
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      // TCP only: socket paths under DATA_DIR could exceed the 107-byte limit, and nothing here needs them.
      unix_socket_directories: '',
      max_connections: '40',
      shared_buffers: '16MB',
      dynamic_shared_memory_type: 'posix',
      logging_collector: 'off',
      // A failed statement could carry a password (CREATE ROLE ... PASSWORD): never write statements to the log.
      log_min_error_statement: 'panic',
      password_encryption: 'scram-sha-256',
      fsync: fsync ? 'on' : 'off',
      synchronous_commit: fsync ? 'on' : 'off',
      full_page_writes: fsync ? 'on' : 'off',
    };
    const args = Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    // Fast shutdown when asked to stop, or when the emulator is gone.
    const server = await WatchdogChild.start({
      name: 'postgres-watchdog',
      command: path.join(binDir, 'postgres'),
      args: ['-D', this.dataDir, ...args],
      logFile: this.logFile,
      signal: 'INT',
      runAs,
    });
    this.#process = server;
    this.#port = port;
    const logStart = await this.#logSize();
    try {
      await this.#waitUntilReady(server, signal);
    } catch (error) {
      await this.stop();
      const tail = await this.#logSince(logStart);
      if (/could not bind|Address already in use/i.test(tail)) throw new PortInUseError(port);
      throw error instanceof Error && tail ? new Error(`${error.message}: ${lastLines(tail)}`) : error;
    }
  }

  /** Fast shutdown (running sessions are disconnected, data is kept); waits until the process is gone. */
  async stop(): Promise<void> {
    const server = this.#process;
    if (!server) return;
    await server.stop(60_000, async () => {
      const pid = await this.#postmasterPid();
      if (pid) process.kill(pid, 'SIGQUIT');
    });
    if (this.#process === server) this.#process = undefined;
  }

  /**
   * A server left running by an emulator that did not stop it (the watchdog normally sees to that): stops it,
   * so the emulator starts from a known state.
   */
  async stopStale(): Promise<boolean> {
    const { runAs, binDir } = this.settings;
    try {
      await runTool(binDir, 'pg_ctl', ['status', '-D', this.dataDir], { runAs });
    } catch (error) {
      if (error instanceof ToolError) return false; // not running (exit 3) or no data directory (exit 4)
      throw error;
    }
    await runTool(binDir, 'pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60'], { runAs });
    return true;
  }

  /** A connection as the bootstrap superuser, for the emulator's own work (roles, databases, checks). */
  async withSuperuser<T>(
    superPassword: string,
    work: (client: pg.Client) => Promise<T>,
    database = 'postgres',
  ): Promise<T> {
    if (this.#port === undefined) throw new Error('the server is not running');
    const client = new pg.Client({
      host: '127.0.0.1',
      port: this.#port,
      user: superuserName,
      password: superPassword,
      database,
      connectionTimeoutMillis: 10_000,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async #waitUntilReady(server: WatchdogChild, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (signal?.aborted) throw new Error('aborted');
      if (this.#process !== server || !server.isRunning) throw new Error('PostgreSQL exited while starting');
      // Line 8 of postmaster.pid is the server's state; "ready" means it accepts connections.
      if ((await this.#pidFileLines())[7]?.trim() === 'ready') return;
      await sleep(50);
    }
    throw new Error('PostgreSQL did not become ready within 60 s');
  }

  async #pidFileLines(): Promise<string[]> {
    try {
      return (await readFile(path.join(this.dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    } catch {
      return [];
    }
  }

  async #postmasterPid(): Promise<number | undefined> {
    const pid = Number((await this.#pidFileLines())[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  async #logSize(): Promise<number> {
    try {
      return (await readFile(this.logFile)).length;
    } catch {
      return 0;
    }
  }

  async #logSince(offset: number): Promise<string> {
    try {
      return (await readFile(this.logFile)).subarray(offset).toString('utf8');
    } catch {
      return '';
    }
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ');
}
