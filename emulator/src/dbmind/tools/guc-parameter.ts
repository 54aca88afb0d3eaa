import { query, withClient } from '../pg-client.ts';
import { str } from '../output-elements.ts';
import { stringArg, type Tool } from './tool.ts';

export const getGucParameter: Tool = {
  name: 'get_guc_parameter',
  description:
    'get_guc_parameter工具的功能是查询数据库的特定GUC参数的当前值，get_guc_parameter工具有1个必要参数name。',
  params: [
    {
      name: 'name',
      description: '必要参数，需要查询的GUC参数的名称，问题里出现的字母和下划线组合一般为该参数',
      type: 'str',
      required: true,
    },
  ],
  async run(context, args) {
    const name = stringArg(args, 'name')!;
    const rows = await withClient(
      context.target(),
      (client) =>
        query<{ name: string; value: string; vartype: string; unit: string | null }>(
          client,
          `SELECT name, current_setting(name) AS value, vartype, unit FROM pg_settings WHERE lower(name) = lower($1)`,
          [name],
        ),
      { signal: context.signal },
    );
    const row = rows[0];
    if (!row) return [str('查询GUC参数失败，请确认GUC参数名是否正确。')];
    return [str(`GUC参数${row.name}当前值:${row.value}，类型为${row.vartype}. `)];
  },
};
