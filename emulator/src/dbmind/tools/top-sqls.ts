import type pg from 'pg';
import { ToolError, describeDatabaseError } from '../errors.ts';
import { withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import type { Tool } from './tool.ts';

/** `ready`, `not-preloaded`, or why the extension could not be created. */
async function ensureStatements(client: pg.Client): Promise<string> {
  const preload = (
    await client.query<{ v: string }>("SELECT current_setting('shared_preload_libraries') AS v")
  ).rows[0]!.v;
  if (!/(^|[\s,])"?pg_stat_statements"?($|[\s,])/.test(preload)) return 'not-preloaded';
  const present = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
  if (present.rowCount) return 'ready';
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return 'ready';
  } catch (error) {
    return describeDatabaseError(error);
  }
}

export const getTopSqls: Tool = {
  name: 'get_top_sqls',
  description:
    'get_top_sqls工具的功能是查询所有查询语句中运行时间最长的那些查询语句Top SQLs，get_top_sqls工具没有参数，不需要进行参数提取。',
  params: [],
  async run(context) {
    return withClient(
      context.target(),
      async (client) => {
        const state = await ensureStatements(client);
        if (state === 'not-preloaded') {
          return [
            str(
              `实例${context.address}没有加载pg_stat_statements（shared_preload_libraries中未配置），无法统计Top SQL。` +
                '请在shared_preload_libraries中加入pg_stat_statements并重启实例。',
            ),
          ];
        }
        if (state !== 'ready') throw new ToolError(`无法启用pg_stat_statements：${state}`);
        const rows = await client.query<{ query: string; calls: string; total: number; mean: number }>(
          `SELECT s.query, s.calls::text AS calls, round(s.total_exec_time::numeric, 2)::float8 AS total,
                  round(s.mean_exec_time::numeric, 2)::float8 AS mean
             FROM pg_stat_statements s
            WHERE s.query <> '' AND s.query NOT ILIKE '%pg_stat_statements%'
            ORDER BY s.total_exec_time DESC
            LIMIT 10`,
        );
        if (rows.rows.length === 0) {
          return [str(`实例${context.address}的pg_stat_statements中还没有记录到SQL。`)];
        }
        return [
          str('当前top SQL信息为: '),
          table(
            ['query', 'n_calls', 'total_time(ms)', 'mean_time(ms)'],
            rows.rows.map((r) => [r.query, Number(r.calls), r.total, r.mean]),
          ),
        ];
      },
      { signal: context.signal },
    );
  },
};
