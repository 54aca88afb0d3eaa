import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresServer } from './server.ts';
import { superuserName } from './server.ts';
import { runTool } from './tools.ts';

/** What a finished snapshot directory holds; written last, so a directory without it is incomplete. */
interface Manifest {
  format: 'pg_dump custom archives';
  serverVersion: string;
  globals: string;
  databases: { name: string; file: string }[];
}

const manifestName = 'manifest.json';

export interface DumpTarget {
  server: PostgresServer;
  superPassword: string;
  signal?: AbortSignal;
}

/** A libpq connection-string value: single-quoted, with `\\` and `'` escaped, so it is only ever a value. */
export function conninfoValue(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * The whole connection as one `-d` connection string. A database name is chosen by the cluster's users: given to
 * `-d` as it is, `host=… port=…` or `postgres://…` would become connection settings (and send the superuser's
 * password elsewhere), and `-f…` an option. Quoted, it is a name and nothing else.
 */
function connection(target: DumpTarget): {
  dbArgs: (database: string) => string[];
  env: Record<string, string>;
} {
  const port = target.server.port;
  if (port === undefined) throw new Error('the server is not running');
  const conninfo = (database: string) =>
    `host=127.0.0.1 port=${port} user=${superuserName} dbname=${conninfoValue(database)}`;
  return {
    dbArgs: (database) => ['--no-password', `--dbname=${conninfo(database)}`],
    env: { PGPASSWORD: target.superPassword, PGCONNECT_TIMEOUT: '10' },
  };
}

/**
 * Roles of the emulator's own superuser stay out of the dump: every new server already has it. Only lines that
 * start a statement are candidates: a quoted role name may itself hold a newline and `CREATE ROLE postgres;`.
 */
function withoutSuperuser(globals: string): string {
  const superuserLine = new RegExp(`^(CREATE|ALTER) ROLE "?${superuserName}"?( |;)`);
  const kept: string[] = [];
  let quote: string | undefined;
  for (const line of globals.split('\n')) {
    if (quote !== undefined || !superuserLine.test(line)) kept.push(line);
    if (quote === undefined && line.startsWith('--')) continue;
    // '' and "" inside a quoted name close and reopen it, which leaves the state right.
    for (const char of line) {
      if (quote !== undefined) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") {
        quote = char;
      }
    }
  }
  return kept.join('\n');
}

export function partialDir(dir: string): string {
  return `${dir}.partial`;
}

/**
 * Writes a snapshot of every database and the roles into `dir`: first into `dir.partial`, renamed only once every
 * archive and the manifest are written, so a half-written snapshot never looks finished. Returns its size in bytes.
 */
export async function writeSnapshot(target: DumpTarget, dir: string): Promise<number> {
  const { binDir } = target.server.settings;
  const { dbArgs, env } = connection(target);
  const options = { env, ...(target.signal ? { signal: target.signal } : {}) };
  const work = partialDir(dir);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true, mode: 0o700 });

  const globals = await runTool(binDir, 'pg_dumpall', [...dbArgs('postgres'), '--roles-only'], options);
  await writeFile(path.join(work, 'globals.sql'), withoutSuperuser(globals), { mode: 0o600 });

  const { databases, serverVersion } = await target.server.withSuperuser(
    target.superPassword,
    async (client) => {
      const rows = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY oid',
      );
      const version = await client.query<{ server_version: string }>('SHOW server_version');
      return {
        databases: rows.rows.map((r) => r.datname),
        serverVersion: version.rows[0]?.server_version ?? '',
      };
    },
  );
  const manifest: Manifest = {
    format: 'pg_dump custom archives',
    serverVersion,
    globals: 'globals.sql',
    databases: [],
  };
  for (const [index, name] of databases.entries()) {
    const file = `database-${index}.dump`;
    await runTool(binDir, 'pg_dump', ['-Fc', `--file=${path.join(work, file)}`, ...dbArgs(name)], options);
    manifest.databases.push({ name, file });
  }
  await writeFile(path.join(work, manifestName), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return directorySize(dir);
}

/** True when `dir` holds a finished snapshot (its manifest was written). */
export async function isCompleteSnapshot(dir: string): Promise<boolean> {
  try {
    await stat(path.join(dir, manifestName));
    return true;
  } catch {
    return false;
  }
}

export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? await directorySize(file) : (await stat(file)).size;
  }
  return total;
}

/** Loads a finished snapshot into a fresh server: the roles first, then every database as it was. */
export async function restoreSnapshot(target: DumpTarget, dir: string): Promise<void> {
  const { binDir } = target.server.settings;
  const { dbArgs, env } = connection(target);
  const options = { env, ...(target.signal ? { signal: target.signal } : {}) };
  const manifest = JSON.parse(await readFile(path.join(dir, manifestName), 'utf8')) as Manifest;
  await runTool(
    binDir,
    'psql',
    [...dbArgs('postgres'), '-v', 'ON_ERROR_STOP=1', '-q', `--file=${path.join(dir, manifest.globals)}`],
    options,
  );
  for (const database of manifest.databases) {
    const file = path.join(dir, database.file);
    // `postgres` exists in every new server; the others are created from the archive with their owner and settings
    // (pg_restore quotes the name it reconnects to itself).
    const create = database.name === 'postgres' ? [] : ['--create'];
    await runTool(binDir, 'pg_restore', [...dbArgs('postgres'), ...create, '--exit-on-error', file], options);
  }
}
