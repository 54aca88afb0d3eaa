import { localRouterModelName } from '@dws-console/shared';
import type { ToolSpec } from '../tools/tool.ts';
import type { Extraction, ExtractionInput, InteractionModel } from './model.ts';
import {
  findDatabase,
  findGucName,
  findMetric,
  findSchema,
  findSql,
  withoutSql,
} from './question-parsing.ts';
import { defaultTimeRange, findTimeRange } from './time-phrases.ts';

/** Intent rules in priority order; each is tried on the question without its SQL statement. */
const intents: [RegExp, string][] = [
  [/告警|报警|警报|alarm|alert/i, 'summary_alarms'],
  [
    /索引推荐|推荐.{0,8}索引|索引.{0,6}(建议|优化|推荐)|(创建|新建|建立?|加).{0,4}索引|recommend.{0,30}index|index.{0,15}(advice|advise|advisor|recommend|suggest)|suggest.{0,30}index|which index/i,
    'index_recommendation',
  ],
  [
    /指标|趋势|曲线|走势|变化|图表|监控数据|metric|trend|graph|chart|plot|over time/i,
    'get_metric_range_sequence',
  ],
  [/锁|阻塞|lock|block/i, 'get_locking_sql'],
  [
    /top\s*-?\s*\d*\s*(sql|quer|statement)|最耗时|耗时最(长|多|高)|运行时间最长|执行时间最长|执行最多|最慢的.{0,4}(sql|语句|查询)|slowest|most expensive|heaviest/i,
    'get_top_sqls',
  ],
  [
    /慢sql|慢查询|慢语句|根因|为什么.{0,12}慢|很慢|变慢|太慢|slow|root cause|why.{0,40}(slow|long)/i,
    'slow_sql_rca',
  ],
  [
    /正在(执行|运行|进行)|当前.{0,6}(sql|语句|查询|会话|活动)|活跃会话|活动会话|running (quer|sql|statement)|active (quer|session|sql|statement)|current(ly)? (running|executing|active)|pg_stat_activity|what.{0,12}running/i,
    'collect_stat_activity_workloads',
  ],
  [
    /guc|参数|配置项|设置值|parameter|setting|knob|\bshow\s+\w+|value of\s+\w+|\b[a-z]+_[a-z0-9_]+\b.{0,4}(是多少|的值|多大|设置)/i,
    'get_guc_parameter',
  ],
  [
    /实例(状态|信息|角色)|主备|状态|运行状况|是否(正常|可用|在线)|instance (status|state|info|role)|is the (database|instance|server) (up|running|alive)|health|status/i,
    'get_instance_status',
  ],
  [
    /数据库(列表|信息|有哪些|清单)|哪些数据库|所有(的)?数据库|多少个?数据库|list (all |the )?databases|database list|which databases|databases/i,
    'get_database_info',
  ],
];

/** Finds the tool a question asks for, or undefined. Exported for tests. */
export function routeQuestion(question: string): string | undefined {
  const rest = withoutSql(question);
  const intent = intents.find(([pattern]) => pattern.test(rest))?.[1];
  if (intent) return intent;
  // "最近一小时的连接数": a metric and a time range without the word "metric".
  if (findMetric(rest) && findTimeRange(rest, new Date())) return 'get_metric_range_sequence';
  return undefined;
}

function extractFrom(text: string, name: string, now: Date): Record<string, string> {
  switch (name) {
    case 'sql':
    case 'query': {
      const sql = findSql(text)?.sql;
      return sql ? { [name]: sql } : {};
    }
    case 'db_name':
    case 'database': {
      const database = findDatabase(text);
      return database ? { [name]: database } : {};
    }
    case 'schema': {
      const schema = findSchema(text);
      return schema ? { schema } : {};
    }
    case 'name': {
      const guc = findGucName(text);
      return guc ? { name: guc } : {};
    }
    case 'metric_name':
    case 'metric': {
      const metric = findMetric(text);
      return metric ? { [name]: metric } : {};
    }
    case 'start_time':
    case 'end_time':
      return { ...findTimeRange(withoutSql(text), now) };
    default:
      return {};
  }
}

/**
 * The built-in model: deterministic rules for Chinese and English questions. It never leaves the machine, so it
 * is the default and always listed.
 */
export class LocalRouter implements InteractionModel {
  readonly name = localRouterModelName;

  matchTool(question: string, tools: readonly ToolSpec[]): Promise<string | undefined> {
    const name = routeQuestion(question);
    return Promise.resolve(tools.some((t) => t.name === name) ? name : undefined);
  }

  extractArguments(input: ExtractionInput): Promise<Extraction> {
    const args: Record<string, string> = {};
    const fill = (found: Record<string, string>, names: string[]) => {
      for (const [key, value] of Object.entries(found))
        if (names.includes(key) && args[key] === undefined) args[key] = value;
    };
    const names = input.tool.params.map((p) => p.name);
    for (const name of names) fill(extractFrom(input.question, name, input.now), [name]);

    // A bare word answers the parameter that was asked for ("test_db" after "缺少参数db_name").
    const bare = input.question.trim().replace(/[。.!！?？]+$/, '');
    const asked = input.tool.params.find(
      (p) =>
        p.required &&
        args[p.name] === undefined &&
        !['sql', 'query'].includes(p.name) &&
        !p.name.endsWith('_time'),
    );
    if (asked && /^[A-Za-z_][\w$.-]*$/.test(bare)) args[asked.name] = bare;

    // Earlier turns, most recent first: their tool arguments, then their questions.
    for (const turn of [...input.history].reverse()) {
      const previous = turn.functionCall?.arguments ?? {};
      for (const name of names) {
        const value = previous[name];
        if (args[name] === undefined && (typeof value === 'string' || typeof value === 'number')) {
          args[name] = String(value);
        }
      }
      for (const name of names)
        if (args[name] === undefined) fill(extractFrom(turn.question, name, input.now), [name]);
    }

    // A window is never worth a question back: with no time named anywhere, the tool's default applies.
    if (names.includes('start_time') && args.start_time === undefined && args.end_time === undefined) {
      fill({ ...defaultTimeRange(input.tool.name, input.now) }, names);
    }
    return Promise.resolve({ kind: 'call', arguments: args });
  }
}
