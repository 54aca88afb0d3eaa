import type { StatusElement } from '@dws-console/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  exhaustConnections,
  holdLongTransaction,
  holdTableLock,
  type FaultSessions,
} from '../../dws/fault-sessions.ts';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';
import { connect, withClient } from '../pg-client.ts';
import {
  elementsOf,
  managedInstanceOf,
  parseStream,
  startDbmindHarness,
  textsOf,
  type DbmindHarness,
} from '../testing/dbmind-harness.ts';
import { startTestPostgres, superuserOf, type TestPostgres } from '../testing/postgres-server.ts';

let server: TestPostgres;
let harness: DbmindHarness;
let admin: ConnectionTarget;
let app: ConnectionTarget;
let faults: FaultSessions[] = [];

beforeAll(async () => {
  // 8 connections, 3 reserved for superusers: ordinary users may open 5.
  server = await startTestPostgres({ settings: { max_connections: '8' } });
  admin = superuserOf(server);
  app = { ...admin, user: 'app', password: 'App@12345' };
  await withClient(admin, async (c) => {
    await c.query("CREATE ROLE app LOGIN PASSWORD 'App@12345'");
    await c.query('CREATE TABLE orders (id int PRIMARY KEY, note text)');
    await c.query('GRANT SELECT, UPDATE ON orders TO app');
  });
  const faulty = managedInstanceOf(server, { name: 'faulty' });
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve([faulty]) },
    dbmind: {
      // Prometheus scrapes every second: DBMind's rules see a fault within a few seconds.
      sampleIntervalMs: 1000,
      thresholds: {
        longTransactionSeconds: 1,
        slowQuerySeconds: 1,
        cpuUsagePercent: 101,
        memUsagePercent: 101,
      },
    },
  });
  await harness.choose('ops', faulty);
});

afterEach(async () => {
  await Promise.all(faults.map((f) => f.end()));
  faults = [];
});

afterAll(async () => {
  await harness?.close();
  await server?.destroy();
});

async function inject(fault: Promise<FaultSessions>): Promise<FaultSessions> {
  const sessions = await fault;
  faults.push(sessions);
  return sessions;
}

/** Waits until the server's own views show the fault, with a bound generous enough for a busy machine. */
async function untilServerShows(what: string, sql: string, params: unknown[] = []): Promise<void> {
  await withClient(admin, (probe) =>
    vi.waitFor(
      async () => {
        if (!(await probe.query(sql, params)).rowCount) throw new Error(`the server never showed ${what}`);
      },
      { timeout: 60_000, interval: 100 },
    ),
  );
}

/**
 * The alarm JSON behind the `一键诊断` button of an inspection item, as a console would send it, once DBMind shows
 * one that `matches`: its rules judge Prometheus's figures, which follow the fault at the next scrape.
 */
async function alarmEvent(
  item: string,
  query = '查询今天的告警',
  matches: (alarm: Record<string, unknown>) => boolean = () => true,
): Promise<{ event: string; show: string }> {
  return vi.waitFor(
    async () => {
      const events = parseStream(
        await harness.chat({ query, mode: 'tool_interaction', user_id: 'ops', session_id: 'alarms' }),
      );
      const card = elementsOf(events)
        .filter((e) => e.type === 'sort')
        .flatMap((e) => (e as { content: StatusElement[] }).content)
        .find(
          (c) =>
            c.content.name === item &&
            'event' in c.content.button &&
            matches(JSON.parse(c.content.button.event) as Record<string, unknown>),
        );
      if (!card || !('event' in card.content.button)) {
        throw new Error(`no ${item} alarm in ${JSON.stringify(textsOf(events))}`);
      }
      return { event: card.content.button.event, show: card.content.button.show };
    },
    { timeout: 60_000, interval: 500 },
  );
}

async function diagnose(alarm: string): Promise<string[]> {
  const text = await harness.chat({
    query: alarm,
    mode: 'fault_diagnostic',
    user_id: 'ops',
    session_id: 'diagnosis',
  });
  const texts = textsOf(parseStream(text));
  expect(texts.slice(0, 3)).toEqual(['查询故障树...', '异常告警信息识别中...', '参数识别中...']);
  expect(texts.at(-1)).toBe('DONE');
  return texts;
}

describe('fault diagnosis of injected faults', { timeout: 90_000 }, () => {
  it('finds a long transaction', async () => {
    const [pid] = (await inject(holdLongTransaction(app))).pids;
    await untilServerShows(
      'a transaction older than the threshold (1 s)',
      "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND now() - xact_start > interval '1 second'",
      [pid],
    );
    const { event } = await alarmEvent('长事务');
    expect(JSON.parse(event)).toMatchObject({ metric_name: 'pg_long_transaction_count', source: 'dbmind' });
    const texts = await diagnose(event);
    expect(texts).toContain("b. 排查风险项 '长事务'，状态: 异常. ");
    expect(texts).toContainEqual(
      expect.stringMatching(new RegExp(`^存在1个持续超过1秒的事务，最长[\\d.]+秒（会话${pid}）$`)),
    );
    expect(texts).toContainEqual(expect.stringContaining(`SELECT pg_terminate_backend(${pid});`));
    expect(texts).toContain("c. 排查风险项 '锁等待'，状态: 正常. ");
    expect(texts.at(-2)).toBe('经诊断，数据库存在超长事务可能是由长事务导致的. ');
  });

  it('finds the session holding a table lock and the one waiting for it', async () => {
    const [holderPid] = (await inject(holdTableLock(app, 'orders'))).pids;
    const { event } = await alarmEvent('锁冲突');
    expect(JSON.parse(event)).toMatchObject({ metric_name: 'pg_lock_waiting_count' });
    const texts = await diagnose(event);
    expect(texts).toContain("b. 排查风险项 '锁等待'，状态: 异常. ");
    expect(texts).toContain(`1个会话在等待锁（表orders），阻塞者为会话${holderPid}`);
    expect(texts).toContainEqual(expect.stringContaining(`SELECT pg_terminate_backend(${holderPid});`));
    expect(texts.at(-2)).toMatch(/^经诊断，锁冲突可能是由锁等待(、长事务)?导致的\. $/);
  });

  it('finds the connections exhausted', async () => {
    expect((await inject(exhaustConnections(app))).pids.length).toBeGreaterThan(0);
    // The fault's sessions and DBMind's own exporter hold the five ordinary slots (the probe takes a reserved one),
    // and one more ordinary connection is refused: the fault is real.
    const held = await withClient(admin, async (probe) => {
      const { rows } = await probe.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      return rows[0]?.n;
    });
    expect(held).toBe(5);
    await expect(connect(app)).rejects.toThrow(/连接数已满/);
    const { event, show } = await alarmEvent('连接数');
    expect(show).toContain('连接数使用率100.00%达到告警上限: 90%（5/5）');
    const texts = await diagnose(event);
    expect(texts).toContain("b. 排查风险项 '连接数'，状态: 异常. ");
    expect(texts).toContain('当前5个连接，普通用户可用上限5（max_connections=8，保留3），使用率100.00%');
    expect(texts.at(-2)).toMatch(/^经诊断，连接数接近上限可能是由连接数.*导致的\. $/);
  });

  it('finds the server stopped, then its restart', async () => {
    await server.stop();
    const { event } = await alarmEvent('集群状态', '当前有哪些告警');
    const alarm = JSON.parse(event) as Record<string, unknown>;
    expect(Object.keys(alarm)).toEqual([
      'history_alarm_id',
      'metric_name',
      'instance',
      'alarm_type',
      'alarm_level',
      'start_time',
      'alarm_content',
      'source',
      'status',
    ]);
    expect(alarm.history_alarm_id).toMatch(/^c_\d+$/);
    expect(alarm.alarm_content).toBe(
      `127.0.0.1:${server.port}(dn   ): {"ping": 0, "dn_status": 1, "bind_ip_failed": 0, "dn_ping_standby": 0, "ffic_updated": 0, "cms_phonydead_restart": 0, "cms_restart_pending": 0, "dn_read_only": 0, "dn_manual_stop": 0, "dn_disk_damage": 0, "dn_nic_down": 0, "dn_port_conflict": 0, "dn_writable": 0} Unknown`,
    );
    const down = await diagnose(event);
    expect(down).toContain(
      "告警中的特征向量：节点角色为'dn'，状态为'未知'，DBMind决策树的诊断结果为：'未知原因'。",
    );
    expect(down).toContain("a. 排查风险项 '实例可达性'，状态: 异常. ");
    expect(down).toContain(
      `无法连接到实例127.0.0.1:${server.port}：连接被拒绝，数据库服务未运行或端口未监听`,
    );
    expect(down).toContain("b. 排查风险项 '实例重启'，状态: 无法检查. ");
    expect(down.at(-2)).toBe('经诊断，数据库节点状态异常可能是由实例可达性导致的. ');

    await server.start();
    const { event: restarted } = await alarmEvent('集群状态', '当前有哪些告警', (alarm) =>
      String(alarm.alarm_content).endsWith('} DN restarted by cms'),
    );
    expect(JSON.parse(restarted)).toMatchObject({
      alarm_content: expect.stringMatching(/"cms_restart_pending": 1.*\} DN restarted by cms$/) as string,
    });
    const up = await diagnose(restarted);
    expect(up).toContain(
      "告警中的特征向量：节点角色为'dn'，状态为'正常'，DBMind决策树的诊断结果为：'cm_server仲裁重启DN'。",
    );
    expect(up).toContain("b. 排查风险项 '实例重启'，状态: 异常. ");
  });

  it('answers a query that is not an alarm with what it expects', async () => {
    const text = await harness.chat({
      query: '数据库怎么了',
      mode: 'fault_diagnostic',
      user_id: 'ops',
      session_id: 'free_text',
    });
    expect(textsOf(parseStream(text))).toEqual([
      '查询故障树...',
      '异常告警信息识别中...',
      '未能识别告警信息：query应为告警的JSON（可从工具交互模式查询告警结果中的“一键诊断”获取）。',
      'DONE',
    ]);
  });
});
