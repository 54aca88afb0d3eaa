import { readFile } from 'node:fs/promises';

/** Who PostgreSQL's programs run as: itself when not root, the `postgres` user when root (PostgreSQL refuses root). */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/** Reads the `postgres` account from /etc/passwd when the emulator runs as root. */
export async function resolveRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const passwd = await readFile('/etc/passwd', 'utf8');
  const entry = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!entry) {
    throw new Error(
      'the emulator runs as root, and PostgreSQL refuses root: create a postgres user (Debian: apt-get install postgresql-15)',
    );
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}
