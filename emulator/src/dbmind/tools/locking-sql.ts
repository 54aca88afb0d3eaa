import { query, withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import type { Tool } from './tool.ts';

interface LockingRow {
  datname: string | null;
  query: string;
  pid: number;
  query_start: string | null;
  blocking: number[];
  wait_seconds: number;
  blocking_query: string | null;
}

export const getLockingSql: Tool = {
  name: 'get_locking_sql',
  description:
    'get_locking_sql工具的功能是查询所有查询语句中被锁定的查询语句，get_locking_sql工具没有参数，不需要进行参数提取。',
  params: [],
  async run(context) {
    const rows = await withClient(
      context.target(),
      (client) =>
        query<LockingRow>(
          client,
          `SELECT a.datname, left(a.query, 2000) AS query, a.pid,
                  to_char(a.query_start, 'YYYY-MM-DD HH24:MI:SS') AS query_start,
                  pg_blocking_pids(a.pid) AS blocking,
                  round(extract(epoch FROM now() - a.query_start)::numeric, 1)::float8 AS wait_seconds,
                  (SELECT left(b.query, 2000) FROM pg_stat_activity b
                    WHERE b.pid = (pg_blocking_pids(a.pid))[1]) AS blocking_query
             FROM pg_stat_activity a
            WHERE cardinality(pg_blocking_pids(a.pid)) > 0
            ORDER BY a.query_start`,
        ),
      { signal: context.signal },
    );
    if (rows.length === 0) return [str('当前没有被锁阻塞的SQL。')];
    return [
      str('当前被锁阻塞SQL信息为: '),
      table(
        [
          'datname',
          'query',
          'sessionid',
          'query_start',
          'wait_seconds',
          'blocking_sessionids',
          'blocking_query',
        ],
        rows.map((r) => [
          r.datname,
          r.query,
          r.pid,
          r.query_start,
          r.wait_seconds,
          r.blocking.join(','),
          r.blocking_query,
        ]),
      ),
    ];
  },
};
