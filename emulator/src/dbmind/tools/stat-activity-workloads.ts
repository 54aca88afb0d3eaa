import { query, withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import { stringArg, type Tool } from './tool.ts';

interface ActivityRow {
  usename: string | null;
  datname: string | null;
  application_name: string;
  client_addr: string | null;
  state: string | null;
  query_start: string | null;
  duration: number | null;
  wait_event: string | null;
  query: string;
}

export const collectStatActivityWorkloads: Tool = {
  name: 'collect_stat_activity_workloads',
  description:
    'collect_stat_activity_workloads工具的功能是获取当前正在进行中的SQL语句，collect_stat_activity_workloads工具没有必要参数。',
  params: [
    {
      name: 'database',
      description: '非必要参数，通过SQL语句运行的数据库名对SQL语句进行筛选，未指定默认为None',
      type: 'str',
      required: false,
    },
    {
      name: 'schema',
      description: '非必要参数，通过SQL语句运行的数据库模式对SQL语句进行筛选，未指定默认为None',
      type: 'str',
      required: false,
    },
  ],
  async run(context, args) {
    const database = stringArg(args, 'database');
    const schema = stringArg(args, 'schema');
    const rows = await withClient(
      context.target(),
      (client) =>
        query<ActivityRow>(
          client,
          `SELECT usename, datname, application_name, client_addr::text AS client_addr, state,
                  to_char(query_start, 'YYYY-MM-DD HH24:MI:SS') AS query_start,
                  round(extract(epoch FROM now() - query_start)::numeric * 1000)::float8 AS duration,
                  wait_event, left(query, 2000) AS query
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
              AND state IS DISTINCT FROM 'idle'
              AND ($1::text IS NULL OR datname = $1)
              AND ($2::text IS NULL OR query ILIKE '%' || $2 || '.%')
            ORDER BY query_start`,
          [database ?? null, schema ?? null],
        ),
      { signal: context.signal },
    );
    if (rows.length === 0) {
      return [str(`工具获取的sql结果集为空，实例${context.address}无满足条件sql出现`)];
    }
    return [
      str(`检测到${rows.length}条sql. `),
      table(
        [
          'user_name',
          'db_name',
          'application_name',
          'client_addr',
          'state',
          'start_time',
          'duration',
          'wait_event',
          'query',
        ],
        rows.map((r) => [
          r.usename,
          r.datname,
          r.application_name,
          r.client_addr,
          r.state,
          r.query_start,
          r.duration,
          r.wait_event,
          r.query,
        ]),
      ),
    ];
  },
};
