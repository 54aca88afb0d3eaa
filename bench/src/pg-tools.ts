import { spawn } from 'node:child_process';
import path from 'node:path';

export const pgBin = process.env.EMULATOR_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** How a cluster's server is reached as its administrator; the password travels in the environment only. */
export interface PgTarget {
  port: number;
  user: string;
  password: string;
}

/** Runs one of PostgreSQL 15's programs against a cluster and returns its output. */
export function pgTool(tool: string, target: PgTarget, args: string[], timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(pgBin, tool),
      ['-h', '127.0.0.1', '-p', String(target.port), '-U', target.user, '--no-password', ...args],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', PGPASSWORD: target.password },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(
              `${tool} failed (${code ?? signal}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
            ),
          ),
    );
  });
}

/** One SQL statement through psql; the unaligned, tuples-only output. */
export function psql(target: PgTarget, database: string, sql: string): Promise<string> {
  return pgTool('psql', target, ['-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]).then((out) =>
    out.trim(),
  );
}
