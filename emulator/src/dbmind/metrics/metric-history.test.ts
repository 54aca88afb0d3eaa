import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { managedInstanceOf, startDbmindHarness, type DbmindHarness } from '../testing/dbmind-harness.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-server.ts';
import { instanceAddress } from '../managed-instances.ts';
import type { MetricName } from './metric-catalog.ts';

// DBMind's series come from Prometheus scraping the real server through the PostgreSQL exporter: they follow
// what psql does, show a stopped server as a gap, and outlive a restart of the emulator.

let server: TestPostgres;
let dataDir: string;
let harness: DbmindHarness | undefined;
let address: string;
const psqls: ChildProcess[] = [];

const start = () =>
  startDbmindHarness({
    dataDir,
    managedInstances: { list: () => Promise.resolve([managedInstanceOf(server)]) },
    dbmind: { sampleIntervalMs: 1000 },
  });

// Five minutes: a step of a few seconds, so a change shows at the next scrape or two.
const recent = (metric: MetricName) => {
  const now = Date.now();
  return harness!.emulator.dbmind.metrics.series(address, metric, now - 5 * 60_000, now);
};

const latest = async (metric: MetricName) => (await recent(metric)).at(-1)?.v;

/** An interactive psql session that stays connected until its input closes. */
function openPsql(): ChildProcess {
  const child = spawn(
    '/usr/lib/postgresql/15/bin/psql',
    ['-h', server.host, '-p', String(server.port), '-U', server.user, '-d', 'postgres', '-q'],
    { env: { ...process.env, PGPASSWORD: server.password }, stdio: ['pipe', 'ignore', 'ignore'] },
  );
  child.stdin?.write('SELECT 1;\n');
  psqls.push(child);
  return child;
}

beforeAll(async () => {
  server = await startTestPostgres();
  address = instanceAddress(server);
  dataDir = await mkdtemp(path.join(tmpdir(), 'metric-history-'));
  harness = await start();
}, 120_000);

afterAll(async () => {
  for (const child of psqls) child.stdin?.end();
  await harness?.close();
  await server?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('metric history from Prometheus', () => {
  it('counts the sessions psql opens and closes', async () => {
    await vi.waitFor(async () => expect(await latest('gaussdb_total_connection')).toBe(0), {
      timeout: 60_000,
      interval: 500,
    });
    const sessions = [openPsql(), openPsql()];
    await vi.waitFor(async () => expect(await latest('gaussdb_total_connection')).toBe(2), {
      timeout: 30_000,
      interval: 500,
    });
    for (const session of sessions) session.stdin?.end();
    await vi.waitFor(async () => expect(await latest('gaussdb_total_connection')).toBe(0), {
      timeout: 30_000,
      interval: 500,
    });
  }, 120_000);

  it('reads the disk use of the data directory as df reports it', async () => {
    const disk = await statfs(dataDir);
    const used = (disk.blocks - disk.bfree) * disk.bsize;
    const dfPercent = (used / (used + disk.bavail * disk.bsize)) * 100;
    // Files come and go on a shared disk between the scrape and this look: a point either way.
    await vi.waitFor(
      async () => expect(Math.abs((await latest('os_disk_usage'))! - dfPercent)).toBeLessThan(1),
      {
        timeout: 30_000,
        interval: 500,
      },
    );
  }, 60_000);

  it('draws a stopped server as a gap between measured points', async () => {
    await vi.waitFor(async () => expect(await latest('pg_up')).toBe(1), { timeout: 30_000, interval: 500 });
    await server.stop();
    await vi.waitFor(async () => expect(await latest('gaussdb_total_connection')).toBeNull(), {
      timeout: 30_000,
      interval: 500,
    });
    await server.start();
    await vi.waitFor(
      async () => {
        const values = (await recent('gaussdb_total_connection')).map((p) => p.v);
        const lastGap = values.lastIndexOf(null);
        expect(lastGap).toBeGreaterThan(0);
        expect(values.slice(0, lastGap).some((v) => v !== null)).toBe(true);
        expect(values.at(-1)).toBe(0);
      },
      { timeout: 30_000, interval: 500 },
    );
  }, 120_000);

  it('keeps the series across a restart of the emulator', async () => {
    // A window that ended a few scrapes ago: every sample in it is stored, whatever is scraped meanwhile.
    const to = Date.now() - 5000;
    const window = [address, 'pg_up', to - 5 * 60_000, to] as const;
    const before = await harness!.emulator.dbmind.metrics.series(...window);
    expect(before.filter((p) => p.v === 1).length).toBeGreaterThan(0);
    await harness!.close();
    harness = undefined;
    harness = await start();
    expect(await harness.emulator.dbmind.metrics.series(...window)).toEqual(before);
  }, 120_000);
});
