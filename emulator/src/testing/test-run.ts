import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Where the unit and integration tests leave what `npm test`'s secret scan reads afterwards
 * (scripts/scan-secrets.mjs): every harness's log lines under `logs/`, and under `secrets/` every
 * password, passphrase and session id the tests used, so the scan can look for them in the logs.
 */
export const testRunDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.data/vitest');
export const testLogDir = path.join(testRunDir, 'logs');
const secretsDir = path.join(testRunDir, 'secrets');

const logsPerName = new Map<string, number>();
const remembered = new Set<string>();

function testFileName(): string {
  const testPath = expect.getState().testPath ?? 'unknown';
  return path.basename(testPath).replace(/\.test\.tsx?$/, '');
}

export interface TestLog {
  file: string;
  write(text: string | Buffer): void;
  close(): Promise<void>;
}

/**
 * A log file named after the harness's kind and the running test file (`bff-<file>[-n].log`), so the scan
 * can tell that every kind of harness wrote one. Lines written after `close` are dropped.
 */
export function openTestLog(kind: 'bff' | 'emulator' | 'dbmind', suffix = '.log'): TestLog {
  const name = `${kind}-${testFileName()}`;
  const n = (logsPerName.get(name) ?? 0) + 1;
  logsPerName.set(name, n);
  mkdirSync(testLogDir, { recursive: true });
  const file = path.join(testLogDir, `${n === 1 ? name : `${name}-${n}`}${suffix}`);
  const stream = createWriteStream(file, { flags: 'w', mode: 0o600 });
  return {
    file,
    write(text) {
      if (!stream.writableEnded) stream.write(text);
    },
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

/**
 * Copies the traces Cloud Trace Service kept under an emulator's `dataDir` next to the logs: a trace is a log
 * line an administrator reads, so the secret scan reads it too.
 */
export async function copyTraceStore(dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'emulator', 'cts');
  const names = await readdir(dir).catch(() => []);
  if (names.length === 0) return;
  const copy = openTestLog('emulator', '-traces.jsonl');
  for (const name of names) copy.write(await readFile(path.join(dir, name)));
  await copy.close();
}

/** Tells the secret scan about secrets the running test file used; never printed, kept owner-only. */
export function rememberSecrets(...secrets: (string | undefined)[]): void {
  const lines = secrets.filter(
    (s): s is string => typeof s === 'string' && s.length > 0 && !remembered.has(s),
  );
  if (lines.length === 0) return;
  for (const line of lines) remembered.add(line);
  // No mode on the folders: a 0700 `.data` would shut out the PostgreSQL servers that live under it.
  mkdirSync(secretsDir, { recursive: true });
  appendFileSync(path.join(secretsDir, `${testFileName()}.txt`), lines.map((s) => `${s}\n`).join(''), {
    mode: 0o600,
  });
}

const secretKey = /pass(word|phrase)?$|pwd$|^password|secret|token$/i;

/**
 * Every value of a secret-named field (`password`, `user_pwd`, `new_password`, `passphrase`...) anywhere
 * in a JSON request body, so harnesses remember what their tests send without each test saying so.
 */
export function secretsInBody(body: unknown): string[] {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return [];
    }
  } else if (Buffer.isBuffer(body) || ArrayBuffer.isView(body)) {
    return [];
  }
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        // A password that is its user's name (a case DWS refuses) is shown wherever the name is: no secret.
        const isName = 'user_name' in node && node.user_name === child;
        if (typeof child === 'string' && secretKey.test(key) && !isName) found.push(child);
        else visit(child);
      }
  };
  visit(value);
  return found;
}
