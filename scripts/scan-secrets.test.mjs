import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditListKey } from '../bff/src/observability/redis-audit-log.ts';
import { startRedis } from '../bff/src/testing/redis-server.ts';
import { keepRedisAuditList, redisAuditListKey, runLayout, scan } from './scan-secrets.mjs';

let layout;

/** Every log a run of `npm test` writes, each holding a harmless line. */
function writeRun() {
  const { folders } = layout;
  const logs = {
    [path.join(folders.vitest, 'logs')]: ['bff-1.log', 'emulator-1.log', 'dbmind-1.log'],
    [folders.journeys]: ['bff.log', 'emulator.log', 'audit.log', 'identity-provider.log'],
    [folders.multiProcess]: [
      'console-1.log',
      'console-2.log',
      'console-3.log',
      'nginx.log',
      'redis.log',
      'audit.log',
      'redis-audit.jsonl',
    ],
  };
  for (const [dir, names] of Object.entries(logs)) {
    mkdirSync(dir, { recursive: true });
    for (const name of names) writeFileSync(path.join(dir, name), 'GET /healthz 200\n');
  }
  mkdirSync(path.join(folders.vitest, 'secrets'), { recursive: true });
  writeFileSync(path.join(folders.vitest, 'secrets', 'bff-1.txt'), 'Cluster@Pass2026\n');
}

beforeEach(() => {
  layout = runLayout(mkdtempSync(path.join(tmpdir(), 'scan-secrets-')));
  mkdirSync(layout.dataDir, { recursive: true });
  writeFileSync(layout.marker, JSON.stringify({ startedAt: Date.now() - 60_000 }));
});

afterEach(() => rmSync(layout.dataDir, { recursive: true, force: true }));

it('passes a run whose logs hold no secret, counting the logs of the multi-process journeys', () => {
  writeRun();
  expect(scan(layout)).toMatch(/ in 14 log files /);
});

it('finds a password in the log of one of the console processes behind nginx', () => {
  writeRun();
  writeFileSync(
    path.join(layout.folders.multiProcess, 'console-2.log'),
    `{"msg":"login","body":"${encodeURIComponent('Cluster@Pass2026')}"}\n`,
  );
  expect(() => scan(layout)).toThrow(/e2e-multi-process\/logs\/console-2\.log:1: a password/);
});

it('fails a run whose multi-process journeys left no log of nginx or Redis', () => {
  writeRun();
  rmSync(path.join(layout.folders.multiProcess, 'nginx.log'));
  rmSync(path.join(layout.folders.multiProcess, 'redis.log'));
  expect(() => scan(layout)).toThrow(/missing: nginx’s log \(multi-process journeys\); Redis’ log/);
});

it('finds a password in the audit list the console processes keep in Redis', async () => {
  expect(redisAuditListKey).toBe(auditListKey);
  const redis = await startRedis();
  try {
    writeRun();
    const entry = (user) => JSON.stringify({ action: 'POST /api/session', user, status: 401 });
    const push = (value) =>
      execFileSync('redis-cli', ['-u', redis.url, 'RPUSH', auditListKey, value], { stdio: 'ignore' });
    push(entry('demo/admin'));
    keepRedisAuditList(redis.url, layout);
    expect(scan(layout)).toMatch(/ in 14 log files /);
    // A password typed into the user name field is what an audit entry could hold by mistake.
    push(entry('Cluster@Pass2026'));
    keepRedisAuditList(redis.url, layout);
    expect(() => scan(layout)).toThrow(/e2e-multi-process\/logs\/redis-audit\.jsonl:2: a password/);
  } finally {
    await redis.stop();
  }
});

it('fails a run whose multi-process journeys did not keep Redis’ audit list', () => {
  writeRun();
  rmSync(path.join(layout.folders.multiProcess, 'redis-audit.jsonl'));
  expect(() => scan(layout)).toThrow(/missing: the audit list of the multi-process journeys’ Redis/);
});

it('finds the console’s client secret at the identity provider, a demo person’s password and an ID token', () => {
  writeRun();
  const secretFile = path.join(layout.dataDir, 'e2e', 'sso', 'client-secret');
  mkdirSync(path.dirname(secretFile), { recursive: true });
  writeFileSync(secretFile, 'q2KzV7mJ1rT9wX4yB6nC8dF0gH3jL5pS\n');
  const header = Buffer.from('{"alg":"RS256","kid":"k1"}').toString('base64url');
  const payload = Buffer.from('{"sub":"alice","aud":"dws-console"}').toString('base64url');
  writeFileSync(
    path.join(layout.folders.journeys, 'identity-provider.log'),
    [
      'client authenticated with q2KzV7mJ1rT9wX4yB6nC8dF0gH3jL5pS',
      'form {"password":"Alice@12345"}',
      `id_token=${header}.${payload}.c2lnbmF0dXJl`,
    ].join('\n'),
  );
  expect(() => scan(layout)).toThrow(
    /identity-provider\.log:1: a password[^\n]*\n.*identity-provider\.log:2: a password[^\n]*\n.*identity-provider\.log:3: a JSON Web Token/s,
  );
});
