import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../testing/redis-server.ts';
import { fileAuditLog, type AuditEntry } from './audit-log.ts';
import { auditListKey, redisAuditLog } from './redis-audit-log.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let dir: string;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dir = await mkdtemp(path.join(tmpdir(), 'bff-audit-'));
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

const entry = (user: string, action: string): AuditEntry => ({
  time: new Date(0).toISOString(),
  requestId: `${user}-${action}`,
  user,
  project: 'ae-ad-1',
  action,
  status: 201,
  address: '127.0.0.1',
  userAgent: 'test',
  result: 'succeeded',
});

function client(url: string, options: RedisOptions = {}) {
  const made = new Redis(url, { maxRetriesPerRequest: 0, ...options });
  clients.push(made);
  return made;
}

describe('the audit log in Redis', () => {
  it('gathers every process’s entries in one list, in order, and not in the files', async () => {
    const files = ['one', 'two'].map((name) => path.join(dir, `${name}.log`));
    const [first, second] = files.map((file) => redisAuditLog(client(redis.url), fileAuditLog(file)));
    first!.record(entry('demo/admin', 'POST /api/session'));
    second!.record(entry('demo/viewer', 'POST /api/session'));
    first!.record(entry('demo/admin', 'DELETE /api/session'));
    await Promise.all([first!.close(), second!.close()]);

    const listed = (await client(redis.url).lrange(auditListKey, 0, -1)).map(
      (line) => JSON.parse(line) as AuditEntry,
    );
    expect(listed.map((e) => e.requestId).filter((id) => id.startsWith('demo/admin'))).toEqual([
      'demo/admin-POST /api/session',
      'demo/admin-DELETE /api/session',
    ]);
    expect(listed.map((e) => e.user).sort()).toEqual(['demo/admin', 'demo/admin', 'demo/viewer']);
    for (const file of files) expect(await readFile(file, 'utf8')).toBe('');
  });

  it('keeps an entry in the process’s file when Redis cannot take it', async () => {
    const file = path.join(dir, 'fallback.log');
    const unreachable = client('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    const log = redisAuditLog(unreachable, fileAuditLog(file));
    log.record(entry('demo/admin', 'POST /api/session'));
    await log.close();
    const kept = (await readFile(file, 'utf8')).trim().split('\n');
    expect(kept.map((line) => (JSON.parse(line) as AuditEntry).user)).toEqual(['demo/admin']);
  });

  it('keeps an entry for a request that ends after the log closed, as one can while the process stops', async () => {
    const file = path.join(dir, 'after-close.log');
    const log = fileAuditLog(file);
    log.record(entry('demo/admin', 'POST /api/session'));
    await log.close();
    log.record(entry('demo/viewer', 'DELETE /api/session'));
    await new Promise((resolve) => setImmediate(resolve));
    const kept = (await readFile(file, 'utf8')).trim().split('\n');
    expect(kept.map((line) => (JSON.parse(line) as AuditEntry).user)).toEqual(['demo/admin', 'demo/viewer']);
  });
});
