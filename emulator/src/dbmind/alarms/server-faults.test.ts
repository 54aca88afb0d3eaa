import type { StatusElement } from '@dws-console/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  control,
  DwsClient,
  isAvailable,
  quickStartCluster,
  users,
  type TestEmulator,
} from '../../testing/harness.ts';
import type { ManagedInstance } from '../managed-instances.ts';
import {
  elementsOf,
  parseStream,
  startDbmindHarness,
  type DbmindHarness,
} from '../testing/dbmind-harness.ts';

// DBMind's alarms for a DWS cluster of the emulator, raised from what its own sampling of the real server finds
// when the emulator's fault control breaks that server, and ended when the server is well again.

let harness: DbmindHarness;
let emulator: TestEmulator;
let watched: ManagedInstance;
let address: string;

beforeAll(async () => {
  harness = await startDbmindHarness({
    config: { EMULATOR_SPEED: '100', EMULATOR_PG_FSYNC: 'off' },
    dbmind: {
      startSampler: true,
      sampleIntervalMs: 500,
      thresholds: { longTransactionSeconds: 1, cpuUsagePercent: 101, memUsagePercent: 101 },
    },
  });
  emulator = { ...harness.emulator, dataDir: harness.dataDir, dispatcher: harness.dispatcher };
  const admin = await DwsClient.login(emulator, users.admin);
  const created = await admin.call<{ cluster: { id: string } }>(
    'POST',
    '/clusters',
    quickStartCluster('watched'),
  );
  const [cluster] = (await admin.waitForCluster(created.body.cluster.id, isAvailable)).slice(-1);
  const [host, port] = (cluster?.endpoints[0]?.connect_info ?? '').split(':');
  address = `${host}:${port}`;
  watched = {
    clusterId: created.body.cluster.id,
    name: 'watched',
    projectId: admin.projectId,
    host: host!,
    port: Number(port),
    adminUser: 'dbadmin',
    adminPassword: 'Dws2017demo!',
    database: 'gaussdb',
  };
  // Registered through DBMind's API, as an administrator does in the assistant.
  await harness.choose('ops', watched);
  // DBMind has looked at the server while it was well (it knows when the server started).
  await vi.waitFor(
    () => {
      if (!harness.emulator.dbmind.sampler.latest(address)?.reachable) throw new Error('not sampled yet');
    },
    { timeout: 60_000, interval: 100 },
  );
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const fault = async (kind: string) => {
  const answer = await control(emulator, 'POST', '/clusters/watched/faults', { fault: kind });
  expect(answer.status).toBe(201);
};
const endFault = async (kind: string) => {
  const answer = await control(emulator, 'DELETE', `/clusters/watched/faults/${kind}`);
  expect(answer.status).toBe(204);
};

/** The alarm cards `当前有哪些告警` shows, each with the alarm JSON of its `一键诊断` button. */
async function alarms(): Promise<{ name: string; alarm: Record<string, unknown> }[]> {
  const text = await harness.chat({
    query: '当前有哪些告警',
    mode: 'tool_interaction',
    user_id: 'ops',
    session_id: 'alarms',
  });
  return elementsOf(parseStream(text))
    .filter((e) => e.type === 'sort')
    .flatMap((e) => (e as { content: StatusElement[] }).content)
    .flatMap((card) =>
      'event' in card.content.button
        ? [
            {
              name: card.content.name,
              alarm: JSON.parse(card.content.button.event) as Record<string, unknown>,
            },
          ]
        : [],
    );
}

/** Waits until DBMind shows an alarm of the inspection item `name` that `matches`. */
async function untilAlarm(name: string, matches: (alarm: Record<string, unknown>) => boolean) {
  return vi.waitFor(
    async () => {
      const shown = await alarms();
      const found = shown.find((a) => a.name === name && matches(a.alarm));
      if (!found) throw new Error(`no such ${name} alarm among ${JSON.stringify(shown)}`);
      return found.alarm;
    },
    { timeout: 60_000, interval: 200 },
  );
}

/** Waits until no alarm of the instance is open: the next samples found the server well. */
async function untilNoOpenAlarm(): Promise<void> {
  await vi.waitFor(
    () => {
      const open = harness.emulator.dbmind.alarms.openAlarms(address).map((a) => a.content);
      if (open.length > 0) throw new Error(`still open: ${open.join('; ')}`);
    },
    { timeout: 60_000, interval: 100 },
  );
}

const feature = (name: string, value: number) => new RegExp(`"${name}": ${value}[,}]`);

describe("DBMind's alarms follow a DWS cluster's real server", { timeout: 90_000 }, () => {
  it('a stopped server raises a critical cluster-state alarm, ended once the server is started again', async () => {
    await fault('stop');
    const down = await untilAlarm('集群状态', (a) => String(a.alarm_content).endsWith('} Unknown'));
    expect(down).toMatchObject({
      metric_name: 'gaussdb_cluster_state',
      instance: address,
      alarm_level: 50,
      history_alarm_id: expect.stringMatching(/^c_\d+$/) as string,
    });
    expect(String(down.alarm_content)).toMatch(
      new RegExp(`^${address.replace(/\./g, '\\.')}\\(dn   \\): \\{`),
    );
    expect(String(down.alarm_content)).toMatch(feature('dn_status', 1));
    expect(String(down.alarm_content)).toMatch(feature('ping', 0));
    // The cluster stays managed while its server is down: a session may still choose it.
    const map = (await (await harness.request('GET', '/v1/api/clusters')).json()) as {
      data: Record<string, { managed: boolean }>;
    };
    expect(map.data[address]).toMatchObject({ managed: true });

    await endFault('stop');
    // The restart is seen (the postmaster's start time moved), then nothing is open any more.
    await untilAlarm('集群状态', (a) => String(a.alarm_content).endsWith('} DN restarted by cms'));
    await untilNoOpenAlarm();
  });

  it('a read-only server raises a cluster-state alarm (DN read only) until it is writable again', async () => {
    await fault('read-only');
    const readOnly = await untilAlarm('集群状态', (a) => String(a.alarm_content).endsWith('} DN read only'));
    expect(readOnly).toMatchObject({ metric_name: 'gaussdb_cluster_state', alarm_level: 30 });
    expect(String(readOnly.alarm_content)).toMatch(feature('dn_status', 9));
    expect(String(readOnly.alarm_content)).toMatch(feature('dn_read_only', 1));
    await endFault('read-only');
    await untilNoOpenAlarm();
  });

  it('exhausted connections raise a connection alarm until they are released', async () => {
    await fault('connections');
    // Usage above 90% may be seen first, as the fault's sessions connect; the alarm then reads "full".
    const full = await untilAlarm('连接数', (a) => String(a.alarm_content).startsWith('连接数已满'));
    expect(full).toMatchObject({
      alarm_level: 40,
      alarm_content: '连接数已满，新连接被拒绝（too many connections）',
    });
    await endFault('connections');
    await untilNoOpenAlarm();
  });

  it('a long transaction raises a long-transaction alarm until it ends', async () => {
    await fault('long-transaction');
    const long = await untilAlarm('长事务', (a) => a.metric_name === 'pg_long_transaction_count');
    expect(String(long.alarm_content)).toMatch(
      /^存在1个持续超过1秒的长事务，最长\d+秒（会话\d+，dbadmin@gaussdb，/,
    );
    await endFault('long-transaction');
    await untilNoOpenAlarm();
  });
});
