import { describe, expect, it } from 'vitest';
import { verifyArguments } from '../interaction/tool-interaction.ts';
import { tools } from '../tools/tool-registry.ts';
import { LocalRouter } from './local-router.ts';

// Thursday 15 January 2026, 10:30 local time: every relative phrase below is read against this clock.
const now = new Date(2026, 0, 15, 10, 30, 0);
const at = (day: number, time: string) => `2026-01-${String(day).padStart(2, '0')} ${time}`;
const window = (start: string, end: string) => ({ start_time: start, end_time: end });

const nowText = at(15, '10:30:00');
const lastHour = window(at(15, '09:30:00'), nowText);
const today = window(at(15, '00:00:00'), nowText);
const yesterday = window(at(14, '00:00:00'), at(14, '23:59:59'));
const thisWeek = window(at(12, '00:00:00'), nowText);
const lastWeek = window(at(5, '00:00:00'), at(11, '23:59:59'));
const last30Minutes = window(at(15, '10:00:00'), nowText);
const last2Hours = window(at(15, '08:30:00'), nowText);
const lastDay = window(at(14, '10:30:00'), nowText);

interface Expected {
  tool: string | undefined;
  args?: Record<string, string>;
  /** Required parameters no wording of the question can supply. */
  missing?: string[];
}

const table: [string, Expected][] = [
  // Alarms: every phrasing of "when" becomes a window; none is asked for.
  ['当前有哪些告警', { tool: 'summary_alarms', args: lastHour }],
  ['最近有哪些告警？', { tool: 'summary_alarms', args: lastHour }],
  ['有哪些告警', { tool: 'summary_alarms', args: today }],
  ['查询今天的告警', { tool: 'summary_alarms', args: today }],
  ['昨天有告警吗', { tool: 'summary_alarms', args: yesterday }],
  ['过去一小时的告警', { tool: 'summary_alarms', args: lastHour }],
  ['最近30分钟有没有报警', { tool: 'summary_alarms', args: last30Minutes }],
  ['最近三十分钟的告警', { tool: 'summary_alarms', args: last30Minutes }],
  ['近两个小时的告警信息', { tool: 'summary_alarms', args: last2Hours }],
  ['本周的告警', { tool: 'summary_alarms', args: thisWeek }],
  ['上周有哪些告警', { tool: 'summary_alarms', args: lastWeek }],
  ['从昨天下午3点到现在的告警', { tool: 'summary_alarms', args: window(at(14, '15:00:00'), nowText) }],
  ['今天上午9点以来的告警', { tool: 'summary_alarms', args: window(at(15, '09:00:00'), nowText) }],
  ['30分钟内的告警', { tool: 'summary_alarms', args: last30Minutes }],
  ['最近半小时有告警吗', { tool: 'summary_alarms', args: last30Minutes }],
  ['过去24小时的告警', { tool: 'summary_alarms', args: lastDay }],
  ['前天的告警', { tool: 'summary_alarms', args: window(at(13, '00:00:00'), at(13, '23:59:59')) }],
  [
    '2026-01-14 08:00到2026-01-14 09:15:30之间的告警',
    { tool: 'summary_alarms', args: window(at(14, '08:00:00'), at(14, '09:15:30')) },
  ],
  ['目前数据库有警报吗', { tool: 'summary_alarms', args: lastHour }],
  ['现在有没有异常告警', { tool: 'summary_alarms', args: lastHour }],
  ['any alarms?', { tool: 'summary_alarms', args: today }],
  ['any alarms in the past day?', { tool: 'summary_alarms', args: lastDay }],
  ['show alarms from the last 30 minutes', { tool: 'summary_alarms', args: last30Minutes }],
  ['alerts in the past 2 hours', { tool: 'summary_alarms', args: last2Hours }],
  ["today's alarms", { tool: 'summary_alarms', args: today }],
  ['alarms yesterday', { tool: 'summary_alarms', args: yesterday }],
  ['alarms since 9am', { tool: 'summary_alarms', args: window(at(15, '09:00:00'), nowText) }],
  ['alerts since 9:30', { tool: 'summary_alarms', args: window(at(15, '09:30:00'), nowText) }],
  ['what are the current alarms', { tool: 'summary_alarms', args: lastHour }],
  ['recent alerts', { tool: 'summary_alarms', args: lastHour }],
  ['alarms this week', { tool: 'summary_alarms', args: thisWeek }],
  ['alarms last week', { tool: 'summary_alarms', args: lastWeek }],
  ['alarms in the past hour', { tool: 'summary_alarms', args: lastHour }],
  ['alarms in the last hour', { tool: 'summary_alarms', args: lastHour }],
  ['alarms from yesterday 3pm to now', { tool: 'summary_alarms', args: window(at(14, '15:00:00'), nowText) }],
  [
    'alarms between 8am and 10am',
    { tool: 'summary_alarms', args: window(at(15, '08:00:00'), at(15, '10:00:00')) },
  ],
  ['alarms since 11am', { tool: 'summary_alarms', args: window(at(14, '11:00:00'), nowText) }],

  // Metric series: the metric is named or described; the window defaults to the last hour.
  [
    '最近一小时的连接数',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_total_connection', ...lastHour } },
  ],
  [
    'CPU使用率的趋势',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_cpu_user_usage', ...lastHour } },
  ],
  [
    '今天的内存使用率曲线',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_mem_usage', ...today } },
  ],
  [
    '昨天磁盘使用率的变化',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_disk_usage', ...yesterday } },
  ],
  [
    '过去2小时的TPS',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_qps_by_instance', ...last2Hours } },
  ],
  [
    '最近30分钟的缓存命中率',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'pg_cache_hit_ratio', ...last30Minutes } },
  ],
  [
    '本周的数据库大小趋势',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_db_size_total', ...thisWeek } },
  ],
  [
    'os_mem_usage指标从2026-01-15 08:00:00到2026-01-15 09:00:00',
    {
      tool: 'get_metric_range_sequence',
      args: { metric_name: 'os_mem_usage', ...window(at(15, '08:00:00'), at(15, '09:00:00')) },
    },
  ],
  [
    '活跃连接数的走势',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_active_connection', ...lastHour } },
  ],
  [
    '连接数使用率的指标',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_connection_usage', ...lastHour } },
  ],
  [
    '从昨天下午3点到现在的长事务数量趋势',
    {
      tool: 'get_metric_range_sequence',
      args: { metric_name: 'pg_long_transaction_count', ...window(at(14, '15:00:00'), nowText) },
    },
  ],
  [
    '当前的锁等待指标',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'pg_lock_waiting_count', ...lastHour } },
  ],
  ['指标趋势', { tool: 'get_metric_range_sequence', args: lastHour, missing: ['metric_name'] }],
  [
    'show the memory metric of the last 2 hours',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_mem_usage', ...last2Hours } },
  ],
  [
    'cpu trend over the last 30 minutes',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_cpu_user_usage', ...last30Minutes } },
  ],
  [
    'plot connections for today',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_total_connection', ...today } },
  ],
  [
    'disk usage graph yesterday',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'os_disk_usage', ...yesterday } },
  ],
  [
    'cache hit ratio trend since 9am',
    {
      tool: 'get_metric_range_sequence',
      args: { metric_name: 'pg_cache_hit_ratio', ...window(at(15, '09:00:00'), nowText) },
    },
  ],
  [
    'throughput chart for the past hour',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_qps_by_instance', ...lastHour } },
  ],
  [
    'deadlock metric this week',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_log_dead_lock_count', ...thisWeek } },
  ],
  [
    'connections in the past 2 hours',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'gaussdb_total_connection', ...last2Hours } },
  ],
  [
    'metric pg_up over time',
    { tool: 'get_metric_range_sequence', args: { metric_name: 'pg_up', ...lastHour } },
  ],

  // Index advice and slow SQL: the statement and the database are needed; only a missing database is asked.
  [
    '数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐',
    { tool: 'index_recommendation', args: { sql: 'select* from t1 where id = 10000;', db_name: 'test_db' } },
  ],
  [
    '请对select * from orders where customer_id = 7做索引推荐',
    {
      tool: 'index_recommendation',
      args: { sql: 'select * from orders where customer_id = 7' },
      missing: ['db_name'],
    },
  ],
  [
    'shop库里select * from orders where total > 100需要建索引吗，给个索引建议',
    {
      tool: 'index_recommendation',
      args: { sql: 'select * from orders where total > 100', db_name: 'shop' },
    },
  ],
  [
    'Please recommend an index for select * from t1 where id = 3 in database test_db',
    { tool: 'index_recommendation', args: { sql: 'select * from t1 where id = 3', db_name: 'test_db' } },
  ],
  [
    'which index should I add for select name from users where email = $1? database is app',
    {
      tool: 'index_recommendation',
      args: { sql: 'select name from users where email = $1', db_name: 'app' },
    },
  ],
  ['索引推荐', { tool: 'index_recommendation', args: {}, missing: ['sql', 'db_name'] }],
  [
    '这条SQL为什么这么慢：select * from t1 where name = $1，数据库是test_db',
    { tool: 'slow_sql_rca', args: { query: 'select * from t1 where name = $1', db_name: 'test_db' } },
  ],
  [
    '慢SQL分析 select count(*) from big_table; 在数据库analytics',
    { tool: 'slow_sql_rca', args: { query: 'select count(*) from big_table;', db_name: 'analytics' } },
  ],
  [
    'why is select * from orders where total > 10 in database shop so slow?',
    { tool: 'slow_sql_rca', args: { query: 'select * from orders where total > 10', db_name: 'shop' } },
  ],
  [
    'root cause of slow query select * from t2 where a = 1',
    { tool: 'slow_sql_rca', args: { query: 'select * from t2 where a = 1' }, missing: ['db_name'] },
  ],

  // Tools without parameters.
  ['查看top sql', { tool: 'get_top_sqls', args: {} }],
  ['最耗时的SQL有哪些', { tool: 'get_top_sqls', args: {} }],
  ['which queries are the most expensive?', { tool: 'get_top_sqls', args: {} }],
  ['top 10 sql', { tool: 'get_top_sqls', args: {} }],
  ['哪些SQL被锁阻塞了', { tool: 'get_locking_sql', args: {} }],
  ['当前有没有锁等待的语句', { tool: 'get_locking_sql', args: {} }],
  ['show me blocked queries', { tool: 'get_locking_sql', args: {} }],
  ['查看实例状态', { tool: 'get_instance_status', args: {} }],
  ['数据库主备状态正常吗', { tool: 'get_instance_status', args: {} }],
  ['is the database up?', { tool: 'get_instance_status', args: {} }],
  ['instance health', { tool: 'get_instance_status', args: {} }],
  ['当前实例有哪些数据库', { tool: 'get_database_info', args: {} }],
  ['list all databases', { tool: 'get_database_info', args: {} }],
  ['一共有多少个数据库', { tool: 'get_database_info', args: {} }],

  // Sessions: database and schema are optional.
  ['当前正在执行的SQL有哪些', { tool: 'collect_stat_activity_workloads', args: {} }],
  [
    '数据库test_db中正在运行的查询',
    { tool: 'collect_stat_activity_workloads', args: { database: 'test_db' } },
  ],
  ['what is running right now', { tool: 'collect_stat_activity_workloads', args: {} }],
  [
    'show active sessions in database shop',
    { tool: 'collect_stat_activity_workloads', args: { database: 'shop' } },
  ],

  // GUC parameters.
  ['max_connections参数是多少', { tool: 'get_guc_parameter', args: { name: 'max_connections' } }],
  ['what is the value of work_mem?', { tool: 'get_guc_parameter', args: { name: 'work_mem' } }],
  ['shared_buffers设置了多大', { tool: 'get_guc_parameter', args: { name: 'shared_buffers' } }],
  [
    'show the setting of statement_timeout',
    { tool: 'get_guc_parameter', args: { name: 'statement_timeout' } },
  ],
  ['查询参数', { tool: 'get_guc_parameter', args: {}, missing: ['name'] }],

  // Questions no tool answers.
  ['今天天气怎么样', { tool: undefined }],
  ['tell me a joke', { tool: undefined }],
  ['你好', { tool: undefined }],
];

describe('the built-in model answers people', () => {
  it('is checked on at least 80 questions', () => {
    expect(table.length).toBeGreaterThanOrEqual(80);
  });

  it.each(table)('%s', async (question, expected) => {
    const model = new LocalRouter();
    const name = await model.matchTool(question, tools);
    expect(name).toBe(expected.tool);
    if (!name) return;
    const tool = tools.find((t) => t.name === name)!;
    const extraction = await model.extractArguments({ question, tool, history: [], now });
    if (extraction.kind !== 'call') throw new Error(`expected a call, got: ${extraction.text}`);
    const { args, missing } = verifyArguments(tool, extraction.arguments);
    expect({ args, missing }).toEqual({ args: expected.args ?? {}, missing: expected.missing ?? [] });
  });
});
