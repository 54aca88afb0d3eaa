import { metricNames, type MetricName } from '../metrics/metric-catalog.ts';

/** Where a SQL statement sits in a question. */
export interface SqlSpan {
  sql: string;
  start: number;
  end: number;
}

const sqlStart = /\b(select|with|update|delete|insert)\b/i;
// English phrasing that ends a statement written without a semicolon ("... in database test_db").
const englishTail =
  /^(?:\s+(?:in|on|for|from|of)\s+(?:the\s+)?(?:database|db|schema)\b|\s+(?:so\s+|very\s+|too\s+)?(?:slow|fast)\b|\?(?:\s|$))/i;
const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** The first SQL statement in a question: from its verb to `;` or to the prose that follows it. */
export function findSql(text: string): SqlSpan | undefined {
  const match = sqlStart.exec(text);
  if (!match) return undefined;
  const start = match.index;
  let quote: string | undefined;
  let end = text.length;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === ';') {
      end = i + 1;
      break;
    }
    if (cjk.test(c) || englishTail.test(text.slice(i))) {
      end = i;
      break;
    }
  }
  const sql = text.slice(start, end).trim();
  // A lone verb ("select the best index") is prose, not SQL.
  if (!/\s/.test(sql) || sql.split(/\s+/).length < 2) return undefined;
  return { sql, start, end };
}

/** The question without its SQL statement, so table or column names never look like intent or parameters. */
export function withoutSql(text: string): string {
  const span = findSql(text);
  return span ? `${text.slice(0, span.start)} ${text.slice(span.end)}` : text;
}

const nameStopwords = new Set([
  'a',
  'an',
  'and',
  'the',
  'for',
  'in',
  'on',
  'of',
  'is',
  'it',
  'to',
  'from',
  'with',
  'select',
  'update',
  'delete',
  'insert',
  'sql',
  'where',
  'list',
  'info',
  'information',
  'status',
  'size',
  'name',
  'db',
  'database',
  'databases',
  'please',
  'this',
  'that',
  'which',
  'what',
]);

function firstName(text: string, patterns: RegExp[]): string | undefined {
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1];
      if (name && !nameStopwords.has(name.toLowerCase())) return name;
    }
  }
  return undefined;
}

const identifierChars = String.raw`[A-Za-z_][\w$]*`;

/** `数据库test_db`, `test_db数据库`, `database test_db`, `in test_db database`, `db_name=test_db`. */
export function findDatabase(text: string): string | undefined {
  const rest = withoutSql(text);
  return firstName(rest, [
    new RegExp(
      String.raw`\b(?:db_name|database)\b\s*(?:=|:|：|is|named|called)?\s*[\`'"“]?(${identifierChars})`,
      'gi',
    ),
    new RegExp(String.raw`(?:数据库名?|库名)\s*(?:是|为|叫|=|:|：)?\s*[\`'"“]?(${identifierChars})`, 'g'),
    new RegExp(String.raw`(${identifierChars})[\`'"”]?\s*(?:数据库|库)(?!名)`, 'g'),
    new RegExp(String.raw`\b(?:in|on)\s+(${identifierChars})\s+(?:database|db)\b`, 'gi'),
  ]);
}

export function findSchema(text: string): string | undefined {
  const rest = withoutSql(text);
  return firstName(rest, [
    new RegExp(String.raw`(?:\bschema\b|模式)\s*(?:是|为|=|:|：)?\s*[\`'"“]?(${identifierChars})`, 'gi'),
    new RegExp(String.raw`(${identifierChars})\s*(?:模式|schema)`, 'gi'),
  ]);
}

const gucStopwords = new Set([
  ...nameStopwords,
  'guc',
  'parameter',
  'parameters',
  'param',
  'value',
  'values',
  'show',
  'current',
  'currently',
  'setting',
  'settings',
  'get',
  'query',
  'instance',
  'knob',
  'config',
  'configuration',
  'how',
  'much',
  'many',
  'tell',
  'me',
  'set',
  'now',
  'are',
  'was',
  'be',
]);

/** A GUC name: GaussMaster's hint is "letters and underscores in the question are usually the parameter". */
export function findGucName(text: string): string | undefined {
  const rest = withoutSql(text);
  const tokens = [...rest.matchAll(/[A-Za-z][A-Za-z0-9_.]*/g)]
    .map((m) => m[0])
    .filter((t) => !gucStopwords.has(t.toLowerCase()));
  return tokens.find((t) => t.includes('_')) ?? tokens[0];
}

const metricKeywords: [RegExp, MetricName][] = [
  [/连接数?使用率|连接占用|connection usage/i, 'gaussdb_connection_usage'],
  [/活跃连接|活跃会话|活动会话|active (connection|session)/i, 'gaussdb_active_connection'],
  [/连接数|连接|会话数|connections?|sessions/i, 'gaussdb_total_connection'],
  [/长事务|long[- ]running transaction|long transaction/i, 'pg_long_transaction_count'],
  [/tps|qps|事务数|每秒事务|吞吐|throughput|transactions per second/i, 'gaussdb_qps_by_instance'],
  [/锁等待|等锁|lock wait/i, 'pg_lock_waiting_count'],
  [/死锁|deadlock/i, 'gaussdb_log_dead_lock_count'],
  [/缓存命中|命中率|cache hit|hit ratio/i, 'pg_cache_hit_ratio'],
  [/数据库大小|数据量|库大小|database size|db size/i, 'gaussdb_db_size_total'],
  [/复制槽|wal保留|replication slot/i, 'pg_replication_slot_retained_wal'],
  [/cpu/i, 'os_cpu_user_usage'],
  [/内存|memory/i, 'os_mem_usage'],
  [/磁盘|disk/i, 'os_disk_usage'],
  [/可用性|是否可连接|存活|availability|\bup\b/i, 'pg_up'],
];

/** A metric named literally (`os_mem_usage`) or described (`连接数`, `memory`). */
export function findMetric(text: string): MetricName | undefined {
  const rest = withoutSql(text);
  const literal = [...metricNames].sort((a, b) => b.length - a.length).find((m) => rest.includes(m));
  if (literal) return literal;
  return metricKeywords.find(([pattern]) => pattern.test(rest))?.[1];
}
