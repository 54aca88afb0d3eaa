import type pg from 'pg';
import { withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import { explain, relationsOf, walk, type PlanNode } from './explain-plan.ts';
import { adviseIndexes, formatImprovement } from './index-advisor.ts';
import { singleStatement } from './sql-text.ts';
import { stringArg, type Tool } from './tool.ts';

interface TableStats {
  schemaname: string;
  relname: string;
  n_live_tup: number;
  n_dead_tup: number;
  n_mod_since_analyze: number;
  analyzed: boolean;
  reltuples: number;
}

interface Cause {
  cause: string;
  advice: string;
}

const largeTableRows = 10_000;

function parseWorkMem(setting: string, unit: string | null): number {
  const kb = unit === '8kB' ? Number(setting) * 8 : unit === 'MB' ? Number(setting) * 1024 : Number(setting);
  return kb * 1024;
}

async function tableStats(
  client: pg.Client,
  names: { schema: string; table: string }[],
): Promise<TableStats[]> {
  if (names.length === 0) return [];
  const result = await client.query<TableStats>(
    `SELECT s.schemaname, s.relname, s.n_live_tup::float8 AS n_live_tup, s.n_dead_tup::float8 AS n_dead_tup,
            s.n_mod_since_analyze::float8 AS n_mod_since_analyze,
            (s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL) AS analyzed,
            greatest(c.reltuples, 0)::float8 AS reltuples
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE (s.schemaname, s.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [names.map((n) => n.schema), names.map((n) => n.table)],
  );
  return result.rows;
}

async function lockWaits(
  client: pg.Client,
  names: { schema: string; table: string }[],
): Promise<Map<string, number>> {
  const result = await client.query<{ name: string; waiting: number }>(
    `SELECT n.nspname || '.' || c.relname AS name, count(*)::int AS waiting
       FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT l.granted AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      GROUP BY 1`,
    [names.map((n) => n.schema), names.map((n) => n.table)],
  );
  return new Map(result.rows.map((r) => [r.name, r.waiting]));
}

/** Causes read from the plan: full scans of large tables, big sorts, large nested loops, large results. */
function planCauses(plan: PlanNode, workMemBytes: number, workMemText: string): Cause[] {
  const causes: Cause[] = [];
  walk(plan, (node, parent) => {
    const type = node['Node Type'];
    if (type === 'Seq Scan' && node['Relation Name'] && typeof node.Filter === 'string') {
      const name = `${node.Schema ?? 'public'}.${node['Relation Name']}`;
      causes.push({
        cause: `表${name}全表扫描（过滤条件${node.Filter}，估计返回${node['Plan Rows']}行）`,
        advice: `为过滤条件中的列创建索引`,
      });
    }
    if (type === 'Sort') {
      const bytes = node['Plan Rows'] * node['Plan Width'];
      if (bytes > workMemBytes) {
        causes.push({
          cause: `排序数据量约${(bytes / 1024 / 1024).toFixed(2)}MB，超过work_mem(${workMemText})，将使用磁盘排序`,
          advice: '为ORDER BY的列建立索引，或在会话中调大work_mem',
        });
      }
    }
    if (type === 'Nested Loop' && node.Plans?.length === 2) {
      const [outer, inner] = node.Plans as [PlanNode, PlanNode];
      if (outer['Plan Rows'] * inner['Plan Rows'] > 1_000_000) {
        causes.push({
          cause: `嵌套循环连接的估计行数过大（${outer['Plan Rows']}×${inner['Plan Rows']}）`,
          advice: '检查连接条件上的索引并更新统计信息，使优化器可以选择Hash Join',
        });
      }
    }
    if (!parent && node['Plan Rows'] > 100_000) {
      causes.push({
        cause: `结果集过大（估计返回${node['Plan Rows']}行）`,
        advice: '增加过滤条件或使用LIMIT分页返回',
      });
    }
  });
  return causes;
}

/**
 * Slow SQL root causes from EXPLAIN (never ANALYZE) and the tables' statistics: what DBMind's slow SQL RCA
 * reports as LACK_INDEX, LARGE_TABLE_SCAN, OUTDATED_STATISTICS, LARGE_DEAD_RATE, LOCK_CONTENTION and the like.
 */
export async function slowSqlCauses(client: pg.Client, sql: string, useHypopg: boolean): Promise<Cause[]> {
  const statement = singleStatement(sql);
  const plan = await explain(client, statement);
  const relations = [...relationsOf(plan).values()].map((r) => ({ schema: r.schema, table: r.table }));
  const workMem = (
    await client.query<{ setting: string; unit: string | null }>(
      "SELECT setting, unit FROM pg_settings WHERE name = 'work_mem'",
    )
  ).rows[0]!;
  const workMemText = (await client.query<{ v: string }>("SELECT current_setting('work_mem') AS v")).rows[0]!
    .v;
  const causes = planCauses(plan, parseWorkMem(workMem.setting, workMem.unit), workMemText);

  const stats = await tableStats(client, relations);
  const largeScans = causes.filter((c) => c.cause.includes('全表扫描'));
  if (largeScans.length > 0) {
    const advice = await adviseIndexes(client, statement, { useHypopg });
    for (const cause of largeScans) {
      const statsRow = stats.find((s) => cause.cause.includes(`${s.schemaname}.${s.relname}`));
      if (statsRow && Math.max(statsRow.reltuples, statsRow.n_live_tup) < largeTableRows) {
        causes.splice(causes.indexOf(cause), 1);
        continue;
      }
      const match = advice.advice.find((a) => cause.cause.includes(`${a.schema}.${a.table}`));
      if (match) {
        cause.advice = `创建索引：${match.statement}（预计提升${formatImprovement(match.improvement)}）`;
      }
    }
  }

  for (const s of stats) {
    const name = `${s.schemaname}.${s.relname}`;
    if (!s.analyzed && s.n_live_tup > 0) {
      causes.push({ cause: `表${name}从未收集过统计信息`, advice: `执行 ANALYZE ${name};` });
    } else if (s.n_mod_since_analyze > 0.1 * s.n_live_tup + 50) {
      causes.push({
        cause: `表${name}统计信息过期（上次ANALYZE后修改了${s.n_mod_since_analyze}行）`,
        advice: `执行 ANALYZE ${name};`,
      });
    }
    if (s.n_dead_tup > 1000 && s.n_dead_tup > 0.2 * s.n_live_tup) {
      causes.push({
        cause: `表${name}死元组比例过高（${s.n_dead_tup}个死元组，${s.n_live_tup}个活元组）`,
        advice: `执行 VACUUM ${name}; 并检查autovacuum配置`,
      });
    }
  }

  const waits = await lockWaits(client, relations);
  for (const [name, waiting] of waits) {
    causes.push({
      cause: `表${name}上有${waiting}个会话正在等待锁`,
      advice: '使用get_locking_sql查看阻塞会话，结束或提交长时间持有锁的事务',
    });
  }
  return causes;
}

export const slowSqlRca: Tool = {
  name: 'slow_sql_rca',
  description:
    'slow_sql_rca工具的功能是对慢SQL进行诊断和根因分析，slow_sql_rca工具有2个必要参数query和db_name。',
  params: [
    {
      name: 'query',
      description: '必要参数，需要进行慢SQL根因分析的查询语句SQL',
      type: 'str',
      required: true,
    },
    {
      name: 'db_name',
      description: '必要参数，需要进行慢SQL根因分析的查询语句SQL所在的数据库名',
      type: 'str',
      required: true,
    },
  ],
  async run(context, args) {
    const query = stringArg(args, 'query')!;
    const database = stringArg(args, 'db_name')!;
    const causes = await withClient(
      context.target(database),
      (client) => slowSqlCauses(client, query, context.useHypopg),
      { signal: context.signal, statementTimeoutMs: 30_000 },
    );
    if (causes.length === 0) return [str(`慢SQL${query}未诊断到任何根因`)];
    return [
      str(`慢SQL${query}的诊断结果如下：`),
      table(
        ['慢SQL根因', '诊断建议'],
        causes.map((c) => [c.cause, c.advice]),
      ),
    ];
  },
};
