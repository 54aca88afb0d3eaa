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
import { demoProjectId } from '../../dws/demo-cluster.ts';
import { loadDirectory } from '../../iam/directory.ts';
import { withClient } from '../pg-client.ts';
import type { ManagedInstance } from '../managed-instances.ts';
import { startTestPostgres, superuserOf, type TestPostgres } from '../testing/postgres-server.ts';

let servers: TestPostgres[] = [];
let harness: DbmindHarness;
let demo: ManagedInstance;
let analytics: ManagedInstance;
let strangers: ManagedInstance;

beforeAll(async () => {
  const settings = { shared_preload_libraries: "'pg_stat_statements'" };
  // In DBMind's order for clusters of one name (by address), so that the stranger's comes before the demo's.
  servers = (await Promise.all([0, 1, 2].map(() => startTestPostgres({ settings })))).sort((a, b) =>
    `${a.host}:${a.port}`.localeCompare(`${b.host}:${b.port}`),
  );
  const config = loadEmulatorConfig({});
  const demoProject = demoProjectId(await loadDirectory(config.EMULATOR_IAM_CONFIG));
  if (!demoProject) throw new Error('the shipped IAM directory has no demo project');
  // Another tenant's cluster of the demo cluster's name, listed first, and a user's cluster whose name sorts
  // before the demo cluster's in the demo project itself.
  strangers = managedInstanceOf(servers[0]!, { name: 'demo-cluster', projectId: 'another-tenants-project' });
  demo = managedInstanceOf(servers[1]!, { name: 'demo-cluster', projectId: demoProject });
  analytics = managedInstanceOf(servers[2]!, { name: 'analytics', projectId: demoProject });
  // As `npm start` runs it: the sampler on its timer, demo data where the default configuration puts it.
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve([strangers, analytics, demo]) },
    config: { EMULATOR_DBMIND_DEMO_DATA: config.EMULATOR_DBMIND_DEMO_DATA },
    dbmind: {
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
    const longTransaction = new Promise<ManagedInstance>((resolve) => {
      harness.emulator.dbmind.sampler.onSample((instance, sample) => {
        if (sample.longTransactions.length > 0) resolve(instance);
      });
    });
    // Registered as `npm start` registers its demo cluster: through the registration API.
    await harness.choose('demo', demo);

    // The reporting session of the demo traffic kept its transaction open past the threshold.
    expect(await longTransaction).toEqual(demo);
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

    for (const other of [servers[0]!, servers[2]!]) {
      const databases = await withClient(superuserOf(other), (c) =>
        c.query<{ datname: string }>('SELECT datname FROM pg_database'),
      );
      expect(databases.rows.map((r) => r.datname)).not.toContain('test_db');
    }
  });
});
