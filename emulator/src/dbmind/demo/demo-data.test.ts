import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StatusElement } from '@dws-console/shared';
import {
  elementsOf,
  managedInstanceOf,
  parseStream,
  startDbmindHarness,
  textsOf,
  type DbmindHarness,
} from '../testing/dbmind-harness.ts';
import { loadEmulatorConfig } from '../../config.ts';
import { withClient } from '../pg-client.ts';
import type { ManagedInstance } from '../managed-instances.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-server.ts';

let servers: TestPostgres[] = [];
let harness: DbmindHarness;
let demo: ManagedInstance;
let analytics: ManagedInstance;

beforeAll(async () => {
  const settings = { shared_preload_libraries: "'pg_stat_statements'" };
  servers = await Promise.all([startTestPostgres({ settings }), startTestPostgres({ settings })]);
  // A user's cluster whose name sorts before the demo cluster's, in the same project.
  analytics = managedInstanceOf(servers[0]!, { name: 'analytics' });
  demo = managedInstanceOf(servers[1]!, { name: 'demo-cluster' });
  // As `npm start` runs it: the sampler on its timer, demo data where the default configuration puts it.
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve([analytics, demo]) },
    dbmind: {
      demoData: loadEmulatorConfig({}).EMULATOR_DBMIND_DEMO_DATA,
      startSampler: true,
      sampleIntervalMs: 300,
      thresholds: { longTransactionSeconds: 1, cpuUsagePercent: 101, memUsagePercent: 101 },
      demoWorkload: { lookupEveryMs: 500, firstReportAfterMs: 100, reportEveryMs: 5_000 },
    },
  });
});

afterAll(async () => {
  await harness?.close();
  await Promise.all(servers.map((s) => s.destroy()));
});

describe('demo data and traffic', () => {
  it('gives the demo cluster, and no other, test_db.t1 and traffic, so the first example and the alarm list have answers', async () => {
    const ask = async (query: string) =>
      parseStream(
        await harness.chat({ query, mode: 'tool_interaction', user_id: 'demo', session_id: 'demo' }),
      );

    // The sampler's report of a transaction held open past the threshold: the alarm detector has seen it too.
    const longTransaction = new Promise<string>((resolve) => {
      harness.emulator.dbmind.sampler.onSample((instance, sample) => {
        if (sample.longTransactions.length > 0) resolve(instance.name);
      });
    });
    // Registered as `npm start` registers its demo cluster: through the registration API.
    await harness.choose('demo', demo);

    // The reporting session of the demo traffic kept its transaction open past the threshold.
    expect(await longTransaction).toBe('demo-cluster');
    // DBMind's rule judges the exporter's count at Prometheus' next scrape (decision 032).
    await vi.waitFor(
      async () => {
        const alarmNames = elementsOf(await ask('当前有哪些告警'))
          .filter((e) => e.type === 'sort')
          .flatMap((e) => (e as { content: StatusElement[] }).content)
          .filter((c) => c.content.status === 0)
          .map((c) => c.content.name);
        expect(alarmNames).toContain('长事务');
      },
      { timeout: 60_000, interval: 500 },
    );

    const advice = await ask(
      '数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐',
    );
    expect(textsOf(advice)).toContain('推荐的索引如下表所示：');
    const top = elementsOf(await ask('查看top sql')).find((e) => e.type === 'table') as {
      content: { rows: unknown[][] };
    };
    expect(top.content.rows.map((r) => r[0])).toContain('SELECT * FROM t1 WHERE id = $1');

    const { host, port, user, password } = servers[0]!;
    const databases = await withClient({ host, port, user, password, database: 'postgres' }, (c) =>
      c.query<{ datname: string }>('SELECT datname FROM pg_database'),
    );
    expect(databases.rows.map((r) => r.datname)).not.toContain('test_db');
  });
});
