import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '../pg-client.ts';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';
import { managedInstanceOf, startDbmindHarness, type DbmindHarness } from '../testing/dbmind-harness.ts';
import { startTestPostgres, superuserOf, type TestPostgres } from '../testing/postgres-server.ts';

// DBMind's threshold rules over Prometheus's figures (decision 032), with limits low enough that a test reaches
// them: disk use of the data directory's file system, and connection slots in use.

let server: TestPostgres;
let harness: DbmindHarness;
let admin: ConnectionTarget;
let address: string;

beforeAll(async () => {
  // 8 connections, 3 reserved for superusers: 5 ordinary slots, one of them DBMind's exporter's.
  server = await startTestPostgres({ settings: { max_connections: '8' } });
  admin = superuserOf(server);
  address = `${server.host}:${server.port}`;
  const watched = managedInstanceOf(server, { name: 'watched' });
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve([watched]) },
    dbmind: {
      startSampler: true,
      sampleIntervalMs: 1000,
      thresholds: {
        diskUsagePercent: 1,
        connectionUsagePercent: 50,
        cpuUsagePercent: 101,
        memUsagePercent: 101,
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await server?.destroy();
});

const open = () => harness.emulator.dbmind.alarms.openAlarms(address);

describe("DBMind's rules over Prometheus's figures", { timeout: 90_000 }, () => {
  it('raises the disk alarm from the file system Prometheus measures', async () => {
    const disk = await vi.waitFor(
      () => {
        const found = open().find((alarm) => alarm.metricName === 'os_disk_usage');
        if (!found) throw new Error('no disk alarm yet');
        return found;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(disk.content).toMatch(/^磁盘使用率\d+\.\d{2}%达到告警上限: 1%$/);
  });

  it('raises the connection alarm once the slots in use pass the limit, and ends it when they are freed', async () => {
    const connectionAlarm = () => open().find((alarm) => alarm.metricName === 'gaussdb_connection_usage');
    // The exporter alone holds one or two of the five slots: under the 50 % limit.
    await vi.waitFor(
      () => {
        if (connectionAlarm()) throw new Error('a connection alarm is open before any session');
      },
      { timeout: 60_000, interval: 200 },
    );
    const sessions = await Promise.all([connect(admin), connect(admin)]);
    try {
      const raised = await vi.waitFor(
        () => {
          const found = connectionAlarm();
          if (!found) throw new Error('no connection alarm yet');
          return found;
        },
        { timeout: 60_000, interval: 200 },
      );
      expect(raised.content).toMatch(/^连接数使用率\d+\.\d{2}%达到告警上限: 50%/);
    } finally {
      await Promise.all(sessions.map((s) => s.end()));
    }
    await vi.waitFor(
      () => {
        if (connectionAlarm()) throw new Error('the connection alarm is still open');
      },
      { timeout: 60_000, interval: 200 },
    );
  });
});
