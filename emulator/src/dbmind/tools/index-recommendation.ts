import { withClient } from '../pg-client.ts';
import { str, table } from '../output-elements.ts';
import { adviseIndexes, formatImprovement, formatSize } from './index-advisor.ts';
import { stringArg, type Tool } from './tool.ts';

export const indexRecommendation: Tool = {
  name: 'index_recommendation',
  description:
    'index_recommendation工具的功能是进行索引推荐，index_recommendation工具有2个必要参数sql和db_name。',
  params: [
    { name: 'sql', description: '必要参数，需要进行索引推荐的查询语句SQL', type: 'str', required: true },
    {
      name: 'db_name',
      description: '必要参数，需要进行索引推荐的查询语句SQL所在的数据库名',
      type: 'str',
      required: true,
    },
  ],
  async run(context, args) {
    const sql = stringArg(args, 'sql')!;
    const database = stringArg(args, 'db_name')!;
    const result = await withClient(
      context.target(database),
      (client) => adviseIndexes(client, sql, { useHypopg: context.useHypopg }),
      { signal: context.signal, statementTimeoutMs: 30_000 },
    );
    if (result.advice.length === 0) return [str('无推荐索引')];
    return [
      str('推荐的索引如下表所示：'),
      table(
        ['索引描述', '预计占用', '预计提升'],
        result.advice.map((a) => [a.statement, formatSize(a.sizeBytes), formatImprovement(a.improvement)]),
      ),
    ];
  },
};
