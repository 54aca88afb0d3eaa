// Reads the logs this run of `npm test` wrote and fails when one holds a password, a passphrase, a session
// id, an IAM token or key material. Prints where, never the secret itself. How it decides is in the README
// ("How the secret scan decides").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './workspace.mjs';

/** Where a run of `npm test` writes below `dataDir` (`.data`; tests of the scan give their own). */
export function runLayout(dataDir = path.join(root, '.data')) {
  return {
    dataDir,
    marker: path.join(dataDir, 'test-run.json'),
    /** The folders a run writes, each emptied when it starts (scripts/test.mjs). */
    folders: {
      vitest: path.join(dataDir, 'vitest'),
      journeys: path.join(dataDir, 'e2e', 'logs'),
      journeySecrets: path.join(dataDir, 'e2e', 'secrets'),
      // `npm start -- --processes 3` under the multi-process journeys: three consoles, nginx, Redis, the emulator.
      multiProcess: path.join(dataDir, 'e2e-multi-process', 'logs'),
    },
  };
}
const defaultLayout = runLayout();
export const runMarker = defaultLayout.marker;
export const runFolders = defaultLayout.folders;

/** Logs every run must have written: a scan of fewer proves nothing about the missing ones. */
const required = [
  { what: 'a BFF harness log (unit and integration tests)', folder: 'vitest', match: /^bff-.+\.log$/ },
  { what: 'an emulator harness log', folder: 'vitest', match: /^emulator-.+\.log$/ },
  { what: 'a DBMind harness log', folder: 'vitest', match: /^dbmind-.+\.log$/ },
  { what: 'the journeys’ console log', folder: 'journeys', match: /^bff\.log$/ },
  { what: 'the journeys’ emulator log', folder: 'journeys', match: /^emulator\.log$/ },
  { what: 'the journeys’ audit log', folder: 'journeys', match: /^audit\.log$/ },
  { what: 'the journeys’ identity provider log', folder: 'journeys', match: /^identity-provider\.log$/ },
  ...[1, 2, 3].map((n) => ({
    what: `console process ${n}’s log (multi-process journeys)`,
    folder: 'multiProcess',
    match: new RegExp(`^console-${n}\\.log$`),
  })),
  { what: 'nginx’s log (multi-process journeys)', folder: 'multiProcess', match: /^nginx\.log$/ },
  { what: 'Redis’ log (multi-process journeys)', folder: 'multiProcess', match: /^redis\.log$/ },
  { what: 'the multi-process journeys’ audit log', folder: 'multiProcess', match: /^audit\.log$/ },
  {
    what: 'the audit list of the multi-process journeys’ Redis',
    folder: 'multiProcess',
    match: /^redis-audit\.jsonl$/,
  },
];

/** The list the console processes append their audit entries to (`auditListKey` in bff/src/observability). */
export const redisAuditListKey = 'dws-console:audit';

/**
 * Copies the audit list of the Redis at `redisUrl` next to the multi-process journeys' logs, one entry a line.
 * With several console processes their audit entries live in Redis, which keeps nothing once it stops: the
 * journeys call this while it still runs (e2e/multi-process-teardown.mjs), and the scan reads the copy.
 */
export function keepRedisAuditList(redisUrl, layout = defaultLayout) {
  const entries = execFileSync(
    '/usr/bin/redis-cli',
    ['-u', redisUrl, '--no-auth-warning', '--raw', 'LRANGE', redisAuditListKey, '0', '-1'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  mkdirSync(layout.folders.multiProcess, { recursive: true });
  const file = path.join(layout.folders.multiProcess, 'redis-audit.jsonl');
  writeFileSync(file, entries, { mode: 0o600 });
  return file;
}

function walk(dir, keep, found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, keep, found);
    else if (keep(name)) found.push(full);
  }
  return found;
}

/**
 * Every way a secret can be written into a line: as it is, URL-encoded, and in base64 or base64url at any
 * of the three alignments it can have inside a longer encoded text (only the characters that depend on
 * the secret alone are kept, so `base64(anything + secret)` contains one of them).
 */
export function encodingsOf(secret) {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
  ]);
  const bytes = Buffer.from(secret, 'utf8');
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const start = [0, 2, 3][offset];
    const end = (offset + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1;
    const fragment = encoded.slice(start, end);
    if (fragment.length >= 8) {
      forms.add(fragment);
      forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** Needles of at least `probe` characters, found by one pass over the text instead of one per needle. */
function finder(needles, probe = 8) {
  const byPrefix = new Map();
  for (const needle of needles) {
    const prefix = needle.slice(0, probe);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
    byPrefix.get(prefix).push(needle);
  }
  return (line) => {
    for (let i = 0; i + probe <= line.length; i += 1) {
      const candidates = byPrefix.get(line.slice(i, i + probe));
      if (candidates?.some((needle) => line.startsWith(needle, i))) return true;
    }
    return false;
  };
}

/**
 * Literal secrets: the demo users' passwords and virtual MFA secrets (emulator/config/iam.json), the demo identity
 * provider's people's passwords (emulator/config/dev-idp.json), the demo cluster's administrator password
 * (emulator/src/dws/demo-cluster.ts), both journey runs' client-key passphrases and SSO client secrets, and every line of
 * the secrets lists the harnesses and journeys wrote during this run (passwords, passphrases, session ids).
 */
function literalSecrets({ dataDir, folders }, startedAt) {
  const secrets = new Set();
  const iam = JSON.parse(readFileSync(path.join(root, 'emulator', 'config', 'iam.json'), 'utf8'));
  for (const domain of iam.domains)
    for (const user of domain.users) {
      secrets.add(user.password);
      if (user.virtual_mfa) secrets.add(user.virtual_mfa.secret);
    }
  const demo = readFileSync(path.join(root, 'emulator', 'src', 'dws', 'demo-cluster.ts'), 'utf8');
  const demoPasswords = [...demo.matchAll(/password:\s*'([^']+)'/g)].map((m) => m[1]);
  if (demoPasswords.length === 0) fail('the demo cluster’s password is no longer where the scan reads it');
  for (const password of demoPasswords) secrets.add(password);
  const idp = JSON.parse(readFileSync(path.join(root, 'emulator', 'config', 'dev-idp.json'), 'utf8'));
  for (const person of idp.people) secrets.add(person.password);
  for (const run of ['e2e', 'e2e-multi-process']) {
    // The client-key passphrase, and the console's client secret at the demo identity provider.
    for (const file of [path.join('pki', 'client.pass'), path.join('sso', 'client-secret')]) {
      const journeyFile = path.join(dataDir, run, file);
      if (existsSync(journeyFile)) secrets.add(readFileSync(journeyFile, 'utf8').trim());
    }
  }
  const lists = [
    ...walk(path.join(folders.vitest, 'secrets'), (name) => name.endsWith('.txt')),
    ...walk(folders.journeySecrets, (name) => name.endsWith('.txt')),
  ].filter((file) => statSync(file).mtimeMs >= startedAt);
  for (const file of lists)
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) secrets.add(line.trim());
  return { secrets: [...secrets].filter((s) => s.length >= 6), lists: lists.length };
}

const patterns = [
  { what: 'an IAM token', regex: /MII[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/ },
  { what: 'a session cookie', regex: /__Host-dws-session(=|%3D)[A-Za-z0-9_%-]{20,}/i },
  { what: 'private key material', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  // ID tokens and log-out tokens: a signed JWT's header and payload are base64url JSON objects.
  {
    what: 'a JSON Web Token (an ID or log-out token)',
    regex: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./,
  },
];

class ScanFailure extends Error {}

function fail(message) {
  throw new ScanFailure(message);
}

/** Scans the logs of the run under `layout`; throws a `ScanFailure` saying what is wrong, or says what it read. */
export function scan(layout = defaultLayout) {
  const { marker, folders } = layout;
  if (!existsSync(marker))
    fail('no run marker (.data/test-run.json): the scan reads the logs of a run of `npm test` only');
  const { startedAt } = JSON.parse(readFileSync(marker, 'utf8'));
  const isLog = (name) => /\.(log|jsonl)$/.test(name);
  const all = {
    vitest: walk(path.join(folders.vitest, 'logs'), isLog),
    journeys: walk(folders.journeys, isLog),
    multiProcess: walk(folders.multiProcess, isLog),
  };
  const files = Object.values(all).flat();
  // A log from before the run (a folder not emptied, a clock gone back) is not this run's evidence.
  const stale = files.filter((file) => statSync(file).mtimeMs < startedAt);
  if (stale.length > 0)
    fail(`logs older than this run:\n${stale.map((f) => `  ${path.relative(root, f)}`).join('\n')}`);
  const missing = required.filter(
    ({ folder, match }) => !all[folder].some((f) => match.test(path.basename(f))),
  );
  if (missing.length > 0)
    fail(`logs this run should have written are missing: ${missing.map((m) => m.what).join('; ')}`);

  const { secrets, lists } = literalSecrets(layout, startedAt);
  if (lists === 0)
    fail('no secrets list from the harnesses or the journeys: the scan would not know their passwords');
  const holdsSecret = finder(secrets.flatMap(encodingsOf));
  const findings = [];
  let lines = 0;
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        lines += 1;
        for (const { what, regex } of patterns)
          if (regex.test(line)) findings.push(`${file}:${i + 1}: ${what}`);
        if (holdsSecret(line)) findings.push(`${file}:${i + 1}: a password, passphrase or session id`);
      });
  }
  if (findings.length > 0)
    fail(`secrets found in logs:\n${findings.map((f) => `  ${path.relative(root, f)}`).join('\n')}`);
  return `no secrets (${secrets.length} known, in every encoding) in ${files.length} log files (${lines} lines)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(scan());
  } catch (error) {
    if (!(error instanceof ScanFailure)) throw error;
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
}
