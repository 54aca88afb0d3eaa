import { query, withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import type { Tool } from './tool.ts';

export const getDatabaseInfo: Tool = {
  name: 'get_database_info',
  description: '查询当前实例数据库列表，get_database_info工具没有参数，不需要进行参数提取。',
  params: [],
  async run(context) {
    const rows = await withClient(
      context.target(),
      (client) =>
        query<{ datname: string; size: string; owner: string }>(
          client,
          `SELECT d.datname, pg_size_pretty(pg_database_size(d.oid)) AS size, pg_get_userbyid(d.datdba) AS owner
             FROM pg_database d
            WHERE NOT d.datistemplate AND d.datallowconn
            ORDER BY d.datname`,
        ),
      { signal: context.signal },
    );
    return [
      str('当前实例数据库信息如下: '),
      table(
        ['index', 'name', 'size', 'owner'],
        rows.map((r, i) => [i + 1, r.datname, r.size, r.owner]),
      ),
    ];
  },
};
