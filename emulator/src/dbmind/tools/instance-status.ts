import { ToolError } from '../errors.ts';
import { query, withClient } from '../pg-client.ts';
import { table } from '../output-elements.ts';
import type { Tool } from './tool.ts';

interface StatusRow {
  in_recovery: boolean;
  version: string;
  started: string;
  read_only: string;
  connections: number;
  max_connections: number;
}

export const getInstanceStatus: Tool = {
  name: 'get_instance_status',
  description:
    'get_instance_status工具的功能是查询当前数据库的实例信息和状态，get_instance_status工具没有参数，不需要进行参数提取。',
  params: [],
  async run(context) {
    const headers = ['instance', 'role', 'state', 'version', 'start_time', 'connections'];
    try {
      const rows = await withClient(
        context.target(),
        (client) =>
          query<StatusRow>(
            client,
            `SELECT pg_is_in_recovery() AS in_recovery, current_setting('server_version') AS version,
                    to_char(pg_postmaster_start_time(), 'YYYY-MM-DD HH24:MI:SS') AS started,
                    current_setting('default_transaction_read_only') AS read_only,
                    (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS connections,
                    current_setting('max_connections')::int AS max_connections`,
          ),
        { signal: context.signal, connectTimeoutMs: 3000 },
      );
      const row = rows[0]!;
      const role = row.in_recovery ? 'standby' : row.read_only === 'on' ? 'primary (read only)' : 'primary';
      return [
        table(headers, [
          [
            context.address,
            role,
            'True',
            row.version,
            row.started,
            `${row.connections}/${row.max_connections}`,
          ],
        ]),
      ];
    } catch (error) {
      // An instance that cannot be reached is an answer, not a tool failure.
      if (!(error instanceof ToolError) || !/无法连接/.test(error.reason)) throw error;
      return [table(headers, [[context.address, 'unknown', 'False', null, null, null]])];
    }
  },
};
