import type { DbmindElement, StatusElement, TableElement } from '@dws-console/shared';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoData } from '../demo/demo-data.ts';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';
import { connect } from '../pg-client.ts';
import {
  elementsOf,
  managedInstanceOf,
  parseStream,
  startDbmindHarness,
  textsOf,
  type DbmindHarness,
} from '../testing/dbmind-harness.ts';
import { startTestPostgres, superuserOf, type TestPostgres } from '../testing/postgres-server.ts';
import { adviseIndexes } from './index-advisor.ts';

let server: TestPostgres;
let plain: TestPostgres;
let harness: DbmindHarness;
let admin: ConnectionTarget;
const opened: pg.Client[] = [];

beforeAll(async () => {
  [server, plain] = await Promise.all([
    startTestPostgres({ settings: { shared_preload_libraries: "'pg_stat_statements'" } }),
    startTestPostgres(),
  ]);
  admin = superuserOf(server);
  await seedDemoData(admin);
  const instances = [
    managedInstanceOf(server, { name: 'a-main' }),
    managedInstanceOf(plain, { name: 'b-plain' }),
  ];
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve(instances) },
    dbmind: {
      // Prometheus scrapes every second, so the metric tools have series within a few seconds.
      sampleIntervalMs: 1000,
      thresholds: {
        longTransactionSeconds: 1,
        slowQuerySeconds: 1,
        cpuUsagePercent: 101,
        memUsagePercent: 101,
      },
    },
  });
  await harness.choose('tester', instances[0]!);
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  await harness?.close();
  await Promise.all([server?.destroy(), plain?.destroy()]);
});

/** A session of the demo database that the test controls (counted by pg_stat_statements). */
async function session(database = 'test_db'): Promise<pg.Client> {
  const client = await connect({ ...admin, database }, { trackStatements: true });
  opened.push(client);
  return client;
}

/** Polls a condition the servers report, with a bound generous enough for a busy machine. */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`gave up waiting for ${what}`);
    },
    { timeout: 60_000, interval: 100 },
  );
}

async function ask(query: string, sessionId = 'tools', extra: Record<string, unknown> = {}) {
  const events = parseStream(
    await harness.chat({
      query,
      mode: 'tool_interaction',
      user_id: 'tester',
      session_id: sessionId,
      ...extra,
    }),
  );
  return { events, texts: textsOf(events), elements: elementsOf(events) };
}

function tableOf(elements: DbmindElement[]): TableElement['content'] {
  const found = elements.find((e): e is TableElement => e.type === 'table');
  if (!found) throw new Error(`no table in ${JSON.stringify(elements)}`);
  return found.content;
}

describe('index_recommendation', () => {
  it('without hypopg builds each candidate inside a transaction that is rolled back', async () => {
    const client = await session();
    const result = await adviseIndexes(client, 'select * from t1 where id = 10000', { useHypopg: false });
    expect(result.method).toBe('rollback');
    expect(result.advice).toHaveLength(1);
    expect(result.advice[0]).toMatchObject({ statement: 'CREATE INDEX idx_t1_id ON public.t1(id);' });
    expect(result.advice[0]!.improvement).toBeGreaterThan(99);
    // A real B-tree of 100 000 integers is a little over 2 MB.
    expect(result.advice[0]!.sizeBytes).toBeGreaterThan(2 * 1024 * 1024);
    const indexes = await client.query("SELECT indexname FROM pg_indexes WHERE tablename = 't1'");
    expect(indexes.rows).toEqual([]);
  });

  it('with hypopg leaves neither an index nor the extension behind', async () => {
    const client = await session();
    const result = await adviseIndexes(client, 'SELECT name FROM t1 WHERE amount = 12.34 AND id > 5', {
      useHypopg: true,
    });
    expect(result.method).toBe('hypopg');
    expect(result.advice.map((a) => a.statement)).toContain(
      'CREATE INDEX idx_t1_amount ON public.t1(amount);',
    );
    expect((await client.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")).rowCount).toBe(0);
    expect((await client.query("SELECT 1 FROM pg_indexes WHERE tablename = 't1'")).rowCount).toBe(0);
  });

  it('answers 无推荐索引 when no index would help', async () => {
    const { texts } = await ask('数据库test_db中 select count(*) from t1; 请进行索引推荐', 'no_advice');
    expect(texts).toContain('无推荐索引');
  });
});

describe('slow_sql_rca', () => {
  it('finds the full scan from EXPLAIN and advises the index', async () => {
    const { texts, elements } = await ask(
      'test_db数据库里这条SQL很慢：select * from t1 where id = 10000',
      'rca',
    );
    expect(texts).toContain('慢SQLselect * from t1 where id = 10000的诊断结果如下：');
    const table = tableOf(elements);
    expect(table.headers).toEqual(['慢SQL根因', '诊断建议']);
    expect(table.rows[0]).toEqual([
      expect.stringContaining('表public.t1全表扫描') as string,
      expect.stringContaining('创建索引：CREATE INDEX idx_t1_id ON public.t1(id);') as string,
    ]);
  });
});

describe('get_top_sqls', () => {
  it('lists the statements pg_stat_statements recorded', async () => {
    const client = await session();
    for (let i = 0; i < 3; i += 1) await client.query('SELECT count(*) FROM t1 WHERE amount > $1', [i]);
    const { texts, elements } = await ask('查看top sql', 'top');
    expect(texts).toContain('当前top SQL信息为: ');
    const table = tableOf(elements);
    expect(table.headers).toEqual(['query', 'n_calls', 'total_time(ms)', 'mean_time(ms)']);
    expect(table.rows).toContainEqual([
      'SELECT count(*) FROM t1 WHERE amount > $1',
      3,
      expect.any(Number) as number,
      expect.any(Number) as number,
    ]);
    // DBMind's own queries are not counted.
    expect(table.rows.some((r) => String(r[0]).includes('pg_stat_activity'))).toBe(false);
  });

  it('says clearly when the instance does not preload pg_stat_statements', async () => {
    const account = { host: '127.0.0.1', port: plain.port, username: plain.user, password: plain.password };
    await harness.request('POST', '/v1/api/clusters/register', { cluster_name: 'plain', ...account });
    // Another user: a user's other sessions follow the cluster it switched to last (GaussMaster's fallback).
    const put = await harness.request(
      'PUT',
      `/v1/api/clusters?instance=127.0.0.1:${plain.port}&user_id=other_user&session_id=top_plain`,
    );
    expect(await put.json()).toEqual({ data: true, success: true });
    const { texts } = await ask('Top SQL有哪些', 'top_plain', { user_id: 'other_user' });
    expect(texts).toContainEqual(
      `实例127.0.0.1:${plain.port}没有加载pg_stat_statements（shared_preload_libraries中未配置），无法统计Top SQL。请在shared_preload_libraries中加入pg_stat_statements并重启实例。`,
    );
  });
});

describe('collect_stat_activity_workloads and get_locking_sql', () => {
  it('shows the statements running now, and the ones blocked by a lock with their blocker', async () => {
    const holder = await session();
    const waiter = await session();
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE t1 IN ACCESS EXCLUSIVE MODE');
    const blocked = waiter.query('SELECT count(*) FROM t1').catch((error: unknown) => error);
    const probe = await session('postgres');
    await until('the waiter to wait for the lock', async () => {
      const r = await probe.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
      return r.rowCount === 1;
    });

    const activity = await ask('当前正在执行的SQL有哪些', 'activity');
    expect(activity.texts).toContainEqual(expect.stringMatching(/^检测到\d+条sql\. $/) as string);
    const running = tableOf(activity.elements);
    expect(running.rows.map((r) => r[running.headers.indexOf('query')])).toContain('SELECT count(*) FROM t1');

    const locking = await ask('哪些SQL被锁阻塞了', 'locking');
    expect(locking.texts).toContain('当前被锁阻塞SQL信息为: ');
    const table = tableOf(locking.elements);
    const row = table.rows.find((r) => r[table.headers.indexOf('query')] === 'SELECT count(*) FROM t1');
    expect(row?.[table.headers.indexOf('blocking_sessionids')]).toBe(String(holderPid));
    expect(row?.[table.headers.indexOf('blocking_query')]).toBe('LOCK TABLE t1 IN ACCESS EXCLUSIVE MODE');

    await holder.query('ROLLBACK');
    await blocked;
    expect((await ask('有没有被锁的SQL', 'locking_after')).texts).toContain('当前没有被锁阻塞的SQL。');
  });
});

describe('get_database_info, get_instance_status, get_guc_parameter', () => {
  it('lists the databases of the instance', async () => {
    const { texts, elements } = await ask('当前实例有哪些数据库', 'info');
    expect(texts).toContain('当前实例数据库信息如下: ');
    expect(tableOf(elements).rows.map((r) => r[1])).toEqual(['postgres', 'test_db']);
  });

  it('reports the instance, its role and state', async () => {
    const { elements } = await ask('查看实例状态', 'status');
    const table = tableOf(elements);
    expect(table.headers.slice(0, 3)).toEqual(['instance', 'role', 'state']);
    expect(table.rows[0]!.slice(0, 3)).toEqual([`127.0.0.1:${server.port}`, 'primary', 'True']);
  });

  it('reads a GUC parameter, in Chinese or English, and says so when it does not exist', async () => {
    expect((await ask('max_connections参数是多少', 'guc1')).texts).toContain(
      'GUC参数max_connections当前值:30，类型为integer. ',
    );
    expect((await ask('what is the value of the work_mem parameter?', 'guc2')).texts).toContain(
      'GUC参数work_mem当前值:4MB，类型为integer. ',
    );
    expect((await ask('查询参数no_such_setting', 'guc3')).texts).toContain(
      '查询GUC参数失败，请确认GUC参数名是否正确。',
    );
  });
});

describe('get_metric_range_sequence', () => {
  it('draws a scraped metric, over the last hour when the question names no time', async () => {
    // The CPU figure is a rate: it needs two scrapes of the server's processes. A new session each time, as
    // a session keeps the window of its last question.
    let attempt = 0;
    const first = await vi.waitFor(
      async () => {
        attempt += 1;
        const answer = await ask('查询CPU使用率指标', `metric${attempt}`);
        expect(answer.elements.some((e) => e.type === 'graph')).toBe(true);
        return answer;
      },
      { timeout: 60_000, interval: 500 },
    );
    expect(first.texts.join('\n')).not.toContain('缺少参数');
    expect(first.texts).toContainEqual(
      expect.stringMatching(
        new RegExp(`^127\\.0\\.0\\.1:${server.port}: 指标cpu使用率在时间范围.*的数据如下所示: $`),
      ) as string,
    );
    const graph = first.elements.find((e) => e.type === 'graph') as {
      content: { title: string; values: number[] };
    };
    expect(graph.content.title).toBe(`os_cpu_user_usage{instance=127.0.0.1:${server.port}}`);
    expect(graph.content.values.length).toBeGreaterThan(0);

    const connections = await ask('过去30分钟的连接数趋势', 'metric2');
    const points = connections.elements.find((e) => e.type === 'graph') as {
      content: { values: (number | null)[] };
    };
    // Whole sessions, or a gap where there was no server: never a fraction.
    expect(points.content.values.every((v) => v === null || (Number.isInteger(v) && v >= 0))).toBe(true);
  }, 90_000);
});

describe('summary_alarms', () => {
  it('raises an alarm from the sampled metrics, with the alarm JSON in its 一键诊断 button', async () => {
    const client = await session();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await client.query('BEGIN');
    await client.query('SELECT 1');
    // The server, not a timer, says when the transaction has outlived this suite's threshold (1 s).
    const probe = await session('postgres');
    await until('the transaction to outlive the threshold', async () => {
      const aged = await probe.query(
        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND now() - xact_start > interval '1 second'",
        [rows[0]?.pid],
      );
      return aged.rowCount === 1;
    });
    // DBMind's rule judges Prometheus's count, which follows at the next scrape.
    await until('Prometheus to count the long transaction', async () => {
      const counted = await harness.emulator.dbmind.metrics.latest(
        `127.0.0.1:${server.port}`,
        'pg_long_transaction_count',
      );
      return (counted ?? 0) >= 1;
    });
    const { texts, elements } = await ask('查询今天的告警', 'alarms');
    await client.query('COMMIT');
    expect(texts).toContain('巡检感知到异常节点1个， 详细信息如下: ');
    const list = elements.find((e) => e.type === 'sort') as { name: string; content: StatusElement[] };
    expect(list.name).toBe(`127.0.0.1:${server.port}`);
    const card = list.content.find((c) => c.content.name === '长事务')!;
    expect(card.content.status).toBe(0);
    const button = card.content.button as { name: string; show: string; event: string; question: number };
    expect(button.name).toBe('一键诊断');
    expect(button.question).toBe(1);
    expect(button.show).toMatch(/期间出现如下异常: 存在\d+个持续超过1秒的长事务/);
    // The same form as the document's second example: Python's json.dumps, keys in DBMind's order.
    expect(button.event).toMatch(
      /^\{"history_alarm_id": \d+, "metric_name": "pg_long_transaction_count", "instance": /,
    );
    expect(Object.keys(JSON.parse(button.event) as object)).toEqual([
      'history_alarm_id',
      'metric_name',
      'instance',
      'alarm_type',
      'alarm_level',
      'start_time',
      'end_time',
      'alarm_content',
      'source',
      'status',
    ]);
    // Items without an alarm are listed as normal.
    expect(list.content.find((c) => c.content.name === '磁盘使用率过高')?.content).toEqual({
      name: '磁盘使用率过高',
      status: 1,
      button: {},
    });
  });
});
