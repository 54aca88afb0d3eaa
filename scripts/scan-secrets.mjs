// Reads every log written under .data and fails when one holds a password, a token, a session id or
// key material. Prints where, never the secret itself. The logs are the journeys' (.data/e2e/logs: the
// console's, the emulator's, the audit log) and the unit and integration tests' (.data/vitest/logs: every
// test harness writes its console and emulator log lines and its audit log there).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './workspace.mjs';

const dataDir = path.join(root, '.data');

function walk(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      // PostgreSQL's own data directories hold no console logs.
      if (name !== 'pgdata' && name !== 'node_modules') walk(full, found);
    } else if (/\.(log|jsonl)$/.test(name)) {
      found.push(full);
    }
  }
  return found;
}

/**
 * Literal secrets: the passwords of the demo users and of every user a test configured (an `iam.json`
 * under .data, such as the load test's), and every client-key passphrase on disk.
 */
function literalSecrets() {
  const secrets = new Set();
  const iamConfigs = [path.join(root, 'emulator', 'config', 'iam.json'), ...findFiles(dataDir, 'iam.json')];
  for (const file of iamConfigs) {
    const iam = JSON.parse(readFileSync(file, 'utf8'));
    for (const domain of iam.domains) for (const user of domain.users) secrets.add(user.password);
  }
  for (const file of findFiles(dataDir, 'client.pass')) {
    secrets.add(readFileSync(file, 'utf8').trim());
  }
  return [...secrets].filter((s) => s.length >= 6);
}

function findFiles(dir, fileName, found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'pgdata') findFiles(full, fileName, found);
    } else if (name === fileName) {
      found.push(full);
    }
  }
  return found;
}

const patterns = [
  { what: 'an IAM token', regex: /MII[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/ },
  { what: 'a session id', regex: /__Host-dws-session=[A-Za-z0-9_-]{43}/ },
  { what: 'private key material', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

const files = walk(dataDir);
// Nothing to scan means the tests wrote their logs somewhere else: a scan of nothing proves nothing.
if (files.length === 0) {
  console.error('✖ no log files under .data: the tests should have written theirs there');
  process.exit(1);
}
const secrets = literalSecrets();
const findings = [];
let lines = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  text.split('\n').forEach((line, i) => {
    lines += 1;
    for (const { what, regex } of patterns) if (regex.test(line)) findings.push(`${file}:${i + 1}: ${what}`);
    for (const secret of secrets)
      if (line.includes(secret)) findings.push(`${file}:${i + 1}: a password or passphrase`);
  });
}

if (findings.length > 0) {
  console.error(`✖ secrets found in logs:\n${findings.map((f) => `  ${path.relative(root, f)}`).join('\n')}`);
  process.exit(1);
}
console.log(`no secrets in ${files.length} log files (${lines} lines) under .data`);
