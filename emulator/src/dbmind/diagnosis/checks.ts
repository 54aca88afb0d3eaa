import { formatDbmindTime } from '@dws-console/shared';
import type { DbmindElement, TableCell } from '@dws-console/shared';
import type pg from 'pg';
import { describeDatabaseError, ToolError } from '../errors.ts';
import type { ManagedInstance } from '../managed-instances.ts';
import type { MetricName } from '../metrics/metric-catalog.ts';
import { measured, type MetricHistory } from '../metrics/metric-history.ts';
import type { DetectionThresholds } from '../metrics/thresholds.ts';
import { graph, table } from '../output-elements.ts';
import { slowSqlCauses } from '../tools/slow-sql-rca.ts';

/** What a check may use: one connection to the instance (absent when it could not be reached). */
export interface DiagnosisContext {
  instance: ManagedInstance;
  address: string;
  client?: pg.Client;
  /** Why there is no client. */
  connectError?: { code?: string; text: string };
  window: { from: number; to: number };
  metrics: MetricHistory;
  thresholds: DetectionThresholds;
  /** From the alarm, for slow SQL checks. */
  alarm: { query?: string; database?: string };
  useHypopg: boolean;
}

export type CheckStatus = 'normal' | 'abnormal' | 'skipped';

export interface CheckResult {
  status: CheckStatus;
  /** One sentence: what was found. */
  finding: string;
  evidence: DbmindElement[];
  advice?: string;
}

export interface Check {
  /** The risk item's name in the report and the conclusion. */
  name: string;
  needsConnection: boolean;
  run(context: DiagnosisContext): Promise<CheckResult>;
}

async function rows<R extends pg.QueryResultRow>(
  client: pg.Client,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  try {
    return (await client.query<R>(text, values)).rows;
  } catch (error) {
    throw new ToolError(`检查SQL执行失败：${describeDatabaseError(error)}`, { cause: error });
  }
}

/** A metric over the alarm's window; nothing when Prometheus has none (or cannot be reached: the check goes on). */
async function windowSeries(context: DiagnosisContext, metric: MetricName) {
  return context.metrics
    .series(context.address, metric, context.window.from, context.window.to)
    .catch(() => []);
}

async function metricGraph(
  context: DiagnosisContext,
  metric: MetricName,
  title: string,
  color = 'black',
): Promise<DbmindElement[]> {
  const points = await windowSeries(context, metric);
  return points.length > 0 ? [graph(points, { title, x: 'time', y: metric, color })] : [];
}

export const reachability: Check = {
  name: '实例可达性',
  needsConnection: false,
  async run(context) {
    const evidence = await metricGraph(context, 'pg_up', `pg_up{instance=${context.address}}`);
    if (!context.client) {
      const error = context.connectError ?? { text: '未知原因' };
      const advice =
        error.code === 'ECONNREFUSED'
          ? '实例没有运行或端口没有监听：检查集群状态，必要时通过DWS重启集群，并查看数据库日志中的停止原因'
          : error.code === '53300'
            ? '连接数已满：结束空闲会话，检查应用连接池，或调大max_connections'
            : error.code === '28P01'
              ? '检查DBMind纳管账号的用户名和密码'
              : '检查网络连通性、防火墙和实例状态';
      return {
        status: 'abnormal',
        finding: `无法连接到实例${context.address}：${error.text}`,
        evidence: [table(['检查项', '结果'], [['连接实例', `失败：${error.text}`]]), ...evidence],
        advice,
      };
    }
    const [info] = await rows<{ version: string; started: string }>(
      context.client,
      `SELECT current_setting('server_version') AS version,
              to_char(pg_postmaster_start_time(), 'YYYY-MM-DD HH24:MI:SS') AS started`,
    );
    return {
      status: 'normal',
      finding: `实例${context.address}可以连接`,
      evidence: [
        table(
          ['检查项', '结果'],
          [
            ['连接实例', '成功'],
            ['数据库版本', info!.version],
            ['启动时间', info!.started],
          ],
        ),
        ...evidence,
      ],
    };
  },
};

export const restart: Check = {
  name: '实例重启',
  needsConnection: true,
  async run(context) {
    const [row] = await rows<{ started: number }>(
      context.client!,
      'SELECT (extract(epoch FROM pg_postmaster_start_time()) * 1000)::float8 AS started',
    );
    const started = row!.started;
    const inWindow = started >= context.window.from && started <= context.window.to;
    return {
      status: inWindow ? 'abnormal' : 'normal',
      finding: inWindow
        ? `实例在告警时间窗口内重启过（启动时间${formatDbmindTime(started)}）`
        : `实例自${formatDbmindTime(started)}起持续运行`,
      evidence: [
        table(
          ['启动时间', '告警窗口'],
          [
            [
              formatDbmindTime(started),
              `${formatDbmindTime(context.window.from)} ~ ${formatDbmindTime(context.window.to)}`,
            ],
          ],
        ),
      ],
      advice: inWindow
        ? '查看数据库日志中的重启原因（崩溃、内存不足被终止或人为重启），确认业务已重连'
        : undefined,
    };
  },
};

export const recoveryAndReadOnly: Check = {
  name: '恢复模式与只读',
  needsConnection: true,
  async run(context) {
    const [row] = await rows<{ in_recovery: boolean; read_only: string; default_read_only: string }>(
      context.client!,
      `SELECT pg_is_in_recovery() AS in_recovery, current_setting('transaction_read_only') AS read_only,
              current_setting('default_transaction_read_only') AS default_read_only`,
    );
    const readOnly = row!.default_read_only === 'on' && !row!.in_recovery;
    return {
      status: readOnly ? 'abnormal' : 'normal',
      finding: row!.in_recovery
        ? '实例处于恢复模式（备机），只接受只读查询'
        : readOnly
          ? '主实例被设置为只读（default_transaction_read_only = on），写入会失败'
          : '实例是可写的主实例',
      evidence: [
        table(
          ['pg_is_in_recovery()', 'transaction_read_only', 'default_transaction_read_only'],
          [[String(row!.in_recovery), row!.read_only, row!.default_read_only]],
        ),
      ],
      advice: readOnly
        ? '确认只读的原因（如磁盘将满时的保护措施），恢复后执行 ALTER SYSTEM SET default_transaction_read_only = off; SELECT pg_reload_conf();'
        : undefined,
    };
  },
};

export const replication: Check = {
  name: '主备复制',
  needsConnection: true,
  async run(context) {
    const standbys = await rows<{
      client: string | null;
      state: string;
      sync_state: string;
      replay_lag: string | null;
    }>(
      context.client!,
      `SELECT client_addr::text AS client, state, sync_state, replay_lag::text AS replay_lag FROM pg_stat_replication`,
    );
    const slots = await rows<{
      slot_name: string;
      slot_type: string;
      active: boolean;
      retained_mb: number | null;
    }>(
      context.client!,
      `SELECT slot_name, slot_type, active,
              CASE WHEN pg_is_in_recovery() OR restart_lsn IS NULL THEN NULL
                   ELSE round(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) / 1048576.0, 2)::float8 END AS retained_mb
         FROM pg_replication_slots`,
    );
    const broken = standbys.filter((s) => s.state !== 'streaming');
    const inactive = slots.filter((s) => !s.active);
    const abnormal = broken.length > 0 || inactive.length > 0;
    const evidence: DbmindElement[] = [];
    if (standbys.length > 0) {
      evidence.push(
        table(
          ['备机地址', '状态', '同步方式', '回放延迟'],
          standbys.map((s) => [s.client, s.state, s.sync_state, s.replay_lag]),
        ),
      );
    }
    if (slots.length > 0) {
      evidence.push(
        table(
          ['复制槽', '类型', '是否活跃', '保留WAL(MB)'],
          slots.map((s) => [s.slot_name, s.slot_type, String(s.active), s.retained_mb]),
        ),
      );
    }
    return {
      status: abnormal ? 'abnormal' : 'normal',
      finding: abnormal
        ? `${inactive.length}个复制槽不活跃，${broken.length}个备机不在streaming状态，WAL会持续堆积`
        : standbys.length === 0 && slots.length === 0
          ? '实例没有配置备机或复制槽'
          : '复制状态正常',
      evidence,
      advice: abnormal
        ? '检查备机是否在线；不再使用的复制槽请用 SELECT pg_drop_replication_slot(name) 删除，避免WAL占满磁盘'
        : undefined,
    };
  },
};

export const connections: Check = {
  name: '连接数',
  needsConnection: false,
  async run(context) {
    const evidence = await metricGraph(
      context,
      'gaussdb_total_connection',
      `gaussdb_total_connection{instance=${context.address}}`,
    );
    if (!context.client) {
      if (context.connectError?.code === '53300') {
        return {
          status: 'abnormal',
          finding: '连接数已满，新连接被拒绝（too many connections）',
          evidence,
          advice: '结束空闲会话，检查应用连接池配置，或调大max_connections',
        };
      }
      return { status: 'skipped', finding: '实例不可达，无法检查', evidence: [] };
    }
    const [limits] = await rows<{ max: number; reserved: number }>(
      context.client,
      `SELECT current_setting('max_connections')::int AS max, current_setting('superuser_reserved_connections')::int AS reserved`,
    );
    const byState = await rows<{ state: string; usename: string; application_name: string; count: number }>(
      context.client,
      `SELECT coalesce(state, 'unknown') AS state, coalesce(usename, '') AS usename, application_name, count(*)::int AS count
         FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
        GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 20`,
    );
    const used = byState.reduce((sum, r) => sum + r.count, 0);
    const limit = Math.max(1, limits!.max - limits!.reserved);
    const usage = (used / limit) * 100;
    const abnormal = usage >= context.thresholds.connectionUsagePercent;
    return {
      status: abnormal ? 'abnormal' : 'normal',
      finding: `当前${used}个连接，普通用户可用上限${limit}（max_connections=${limits!.max}，保留${limits!.reserved}），使用率${usage.toFixed(2)}%`,
      evidence: [
        table(
          ['状态', '用户', '应用', '连接数'],
          byState.map((r) => [r.state, r.usename, r.application_name, r.count]),
        ),
        ...evidence,
      ],
      advice: abnormal
        ? '结束空闲或idle in transaction的会话（SELECT pg_terminate_backend(pid)），检查应用连接池上限，必要时调大max_connections'
        : undefined,
    };
  },
};

interface LongTransactionRow {
  pid: number;
  usename: string | null;
  datname: string | null;
  state: string | null;
  seconds: number;
  query: string;
}

export const longTransactions: Check = {
  name: '长事务',
  needsConnection: true,
  async run(context) {
    const limit = context.thresholds.longTransactionSeconds;
    const found = await rows<LongTransactionRow>(
      context.client!,
      `SELECT pid, usename, datname, state, round(extract(epoch FROM now() - xact_start)::numeric, 1)::float8 AS seconds,
              left(query, 1000) AS query
         FROM pg_stat_activity
        WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND xact_start < now() - make_interval(secs => $1)
        ORDER BY xact_start LIMIT 20`,
      [limit],
    );
    const evidence: DbmindElement[] = found.length
      ? [
          table(
            ['会话', '用户', '数据库', '状态', '事务时长(秒)', '最近的SQL'],
            found.map((r): TableCell[] => [r.pid, r.usename, r.datname, r.state, r.seconds, r.query]),
          ),
        ]
      : [];
    evidence.push(
      ...(await metricGraph(
        context,
        'pg_long_transaction_count',
        `pg_long_transaction_count{instance=${context.address}}`,
      )),
    );
    return {
      status: found.length > 0 ? 'abnormal' : 'normal',
      finding: found.length
        ? `存在${found.length}个持续超过${limit}秒的事务，最长${found[0]!.seconds}秒（会话${found[0]!.pid}）`
        : `没有持续超过${limit}秒的事务`,
      evidence,
      advice: found.length
        ? `提交或回滚长事务，必要时执行 SELECT pg_terminate_backend(${found[0]!.pid}); 并设置idle_in_transaction_session_timeout防止再次发生`
        : undefined,
    };
  },
};

interface LockWaitRow {
  pid: number;
  datname: string | null;
  waiting_query: string;
  wait_seconds: number;
  blocking: number[];
  blocking_query: string | null;
  blocking_state: string | null;
  relation: string | null;
}

export const lockWaits: Check = {
  name: '锁等待',
  needsConnection: true,
  async run(context) {
    const found = await rows<LockWaitRow>(
      context.client!,
      `SELECT a.pid, a.datname, left(a.query, 1000) AS waiting_query,
              round(extract(epoch FROM now() - a.query_start)::numeric, 1)::float8 AS wait_seconds,
              pg_blocking_pids(a.pid) AS blocking,
              (SELECT left(b.query, 1000) FROM pg_stat_activity b WHERE b.pid = (pg_blocking_pids(a.pid))[1]) AS blocking_query,
              (SELECT b.state FROM pg_stat_activity b WHERE b.pid = (pg_blocking_pids(a.pid))[1]) AS blocking_state,
              (SELECT l.relation::regclass::text FROM pg_locks l
                WHERE l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL LIMIT 1) AS relation
         FROM pg_stat_activity a
        WHERE cardinality(pg_blocking_pids(a.pid)) > 0
        ORDER BY a.query_start LIMIT 20`,
    );
    const blockers = [...new Set(found.flatMap((r) => r.blocking))];
    return {
      status: found.length > 0 ? 'abnormal' : 'normal',
      finding: found.length
        ? `${found.length}个会话在等待锁${found[0]!.relation ? `（表${found[0]!.relation}）` : ''}，阻塞者为会话${blockers.join(',')}`
        : '没有会话在等待锁',
      evidence: found.length
        ? [
            table(
              [
                '等待会话',
                '数据库',
                '等待的表',
                '等待时长(秒)',
                '等待的SQL',
                '阻塞会话',
                '阻塞会话状态',
                '阻塞会话的SQL',
              ],
              found.map((r): TableCell[] => [
                r.pid,
                r.datname,
                r.relation,
                r.wait_seconds,
                r.waiting_query,
                r.blocking.join(','),
                r.blocking_state,
                r.blocking_query,
              ]),
            ),
          ]
        : [],
      advice: found.length
        ? `让阻塞会话提交或回滚，必要时执行 SELECT pg_terminate_backend(${blockers[0]}); 并缩短持锁事务`
        : undefined,
    };
  },
};

export const deadlocks: Check = {
  name: '死锁',
  needsConnection: true,
  async run(context) {
    const perDb = await rows<{ datname: string; deadlocks: number }>(
      context.client!,
      `SELECT datname, deadlocks::int AS deadlocks FROM pg_stat_database WHERE datname IS NOT NULL AND deadlocks > 0 ORDER BY 2 DESC`,
    );
    const points = await windowSeries(context, 'gaussdb_log_dead_lock_count');
    const inWindow = Math.round(measured(points).reduce((sum, p) => sum + p.v, 0));
    const evidence: DbmindElement[] = perDb.length
      ? [
          table(
            ['数据库', '累计死锁次数'],
            perDb.map((r) => [r.datname, r.deadlocks]),
          ),
        ]
      : [];
    if (points.length > 0) {
      evidence.push(
        graph(points, {
          title: `gaussdb_log_dead_lock_count{instance=${context.address}}`,
          x: 'time',
          y: '次',
        }),
      );
    }
    return {
      status: inWindow > 0 ? 'abnormal' : 'normal',
      finding: inWindow > 0 ? `告警窗口内发生了${inWindow}次死锁` : '告警窗口内没有发生死锁',
      evidence,
      advice:
        inWindow > 0 ? '让并发事务按相同顺序访问表和行，缩短事务，并在数据库日志中查看死锁详情' : undefined,
    };
  },
};

export const diskUsage: Check = {
  name: '磁盘使用率',
  needsConnection: false,
  async run(context) {
    const evidence: DbmindElement[] = [];
    const usage = await context.metrics.latest(context.address, 'os_disk_usage').catch(() => undefined);
    if (context.client) {
      const sizes = await rows<{ datname: string; size: string }>(
        context.client,
        `SELECT datname, pg_size_pretty(pg_database_size(oid)) AS size FROM pg_database
          WHERE datallowconn ORDER BY pg_database_size(oid) DESC LIMIT 10`,
      );
      evidence.push(
        table(
          ['数据库', '大小'],
          sizes.map((s) => [s.datname, s.size]),
        ),
      );
    }
    evidence.push(
      ...(await metricGraph(context, 'os_disk_usage', `os_disk_usage{instance=${context.address}}`)),
    );
    if (usage === undefined) {
      return { status: 'skipped', finding: '无法获取实例数据目录所在磁盘的使用率', evidence };
    }
    const abnormal = usage >= context.thresholds.diskUsagePercent;
    return {
      status: abnormal ? 'abnormal' : 'normal',
      finding: `数据目录所在磁盘使用率${usage.toFixed(2)}%`,
      evidence,
      advice: abnormal ? '清理无用数据和日志、删除不再使用的复制槽，或扩容磁盘' : undefined,
    };
  },
};

function hostCheck(
  name: string,
  metric: 'os_mem_usage' | 'os_cpu_user_usage',
  limit: (t: DetectionThresholds) => number,
): Check {
  return {
    name,
    needsConnection: false,
    async run(context) {
      const points = await windowSeries(context, metric);
      const peak = measured(points).reduce((max, p) => Math.max(max, p.v), 0);
      const abnormal = peak >= limit(context.thresholds);
      return {
        status: points.length === 0 ? 'skipped' : abnormal ? 'abnormal' : 'normal',
        finding: points.length === 0 ? '告警窗口内没有采样数据' : `告警窗口内峰值${peak.toFixed(2)}%`,
        evidence: points.length
          ? [
              graph(points, {
                title: `${metric}{instance=${context.address}}`,
                x: 'time',
                y: '%',
                color: abnormal ? 'red' : 'black',
              }),
            ]
          : [],
        advice: abnormal
          ? '找出资源占用高的会话和SQL（collect_stat_activity_workloads、get_top_sqls），优化或限流'
          : undefined,
      };
    },
  };
}

export const memoryUsage = hostCheck('内存使用率', 'os_mem_usage', (t) => t.memUsagePercent);
export const cpuUsage = hostCheck('CPU使用率', 'os_cpu_user_usage', (t) => t.cpuUsagePercent);

export const slowQueries: Check = {
  name: '慢SQL',
  needsConnection: true,
  async run(context) {
    if (context.alarm.query && context.alarm.database) {
      const causes = await slowSqlCauses(context.client!, context.alarm.query, context.useHypopg).catch(
        (error: unknown) => {
          if (error instanceof ToolError)
            return [{ cause: `无法分析告警中的SQL：${error.reason}`, advice: '' }];
          throw error;
        },
      );
      return {
        status: causes.length > 0 ? 'abnormal' : 'normal',
        finding: causes.length > 0 ? `告警中的SQL诊断出${causes.length}个根因` : '告警中的SQL未诊断到根因',
        evidence: causes.length
          ? [
              table(
                ['慢SQL根因', '诊断建议'],
                causes.map((c) => [c.cause, c.advice]),
              ),
            ]
          : [],
        advice: causes.length
          ? causes
              .map((c) => c.advice)
              .filter(Boolean)
              .join('；')
          : undefined,
      };
    }
    const limit = context.thresholds.slowQuerySeconds;
    const running = await rows<{ pid: number; datname: string | null; seconds: number; query: string }>(
      context.client!,
      `SELECT pid, datname, round(extract(epoch FROM now() - query_start)::numeric, 1)::float8 AS seconds, left(query, 1000) AS query
         FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND query_start < now() - make_interval(secs => $1)
        ORDER BY query_start LIMIT 20`,
      [limit],
    );
    return {
      status: running.length > 0 ? 'abnormal' : 'normal',
      finding: running.length ? `${running.length}条SQL已运行超过${limit}秒` : `没有运行超过${limit}秒的SQL`,
      evidence: running.length
        ? [
            table(
              ['会话', '数据库', '运行时长(秒)', 'SQL'],
              running.map((r): TableCell[] => [r.pid, r.datname, r.seconds, r.query]),
            ),
          ]
        : [],
      advice: running.length
        ? '对这些SQL使用slow_sql_rca分析根因，必要时 SELECT pg_cancel_backend(pid);'
        : undefined,
    };
  },
};
