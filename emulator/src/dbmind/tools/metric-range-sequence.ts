import { parseDbmindTime } from '@dws-console/shared';
import { ToolError } from '../errors.ts';
import { isMetricName, metricCatalog, metricNames, translateMetric } from '../metrics/metric-catalog.ts';
import { graph, str } from '../output-elements.ts';
import { rangeEnd, stringArg, type Tool } from './tool.ts';

export const getMetricRangeSequence: Tool = {
  name: 'get_metric_range_sequence',
  description:
    'get_metric_range_sequence工具的功能是查询指定指标在特定时间范围内的数据信息或者获取指标的状态，get_metric_range_sequence工具有3个必要参数metric_name，start_time和end_time。',
  params: [
    { name: 'metric_name', description: '必要参数，要查询的指标的指标名', type: 'str', required: true },
    {
      name: 'start_time',
      description: '必要参数，要查询的指标的开始时间，格式为%Y-%m-%d %H:%M:%S',
      type: 'str',
      required: true,
    },
    {
      name: 'end_time',
      description: '必要参数，要查询的指标的结束时间，格式为%Y-%m-%d %H:%M:%S',
      type: 'str',
      required: true,
    },
  ],
  async run(context, args) {
    const metric = stringArg(args, 'metric_name')!;
    const startText = stringArg(args, 'start_time')!;
    const endText = stringArg(args, 'end_time')!;
    const start = parseDbmindTime(startText);
    const end = parseDbmindTime(endText);
    if (!start || !end) throw new ToolError('start_time和end_time的格式应为%Y-%m-%d %H:%M:%S');
    if (!isMetricName(metric)) {
      return [
        str(
          `${context.address}: 不支持指标${metric}，可查询的指标有：${metricNames
            .map((m) => `${m}(${metricCatalog[m].translation})`)
            .join('，')}`,
        ),
      ];
    }
    const points = await context.metrics
      .series(
        context.address,
        metric,
        start.getTime(),
        await rangeEnd(context, end),
        // The window asked for, to the last millisecond of its last second, whatever moment it is read.
        end.getTime() + 999 - start.getTime(),
      )
      .catch((error: unknown) => {
        throw new ToolError(
          `指标数据库Prometheus查询失败：${error instanceof Error ? error.message : String(error)}`,
        );
      });
    const name = translateMetric(metric);
    if (points.length === 0) {
      return [str(`${context.address}: 指标${name}在时间范围${startText}到${endText}的数据为空. `)];
    }
    return [
      str(`${context.address}: 指标${name}在时间范围${startText}到${endText}的数据如下所示: `),
      graph(points, {
        title: `${metric}{instance=${context.address}}`,
        x: 'time',
        y: metricCatalog[metric].unit,
        // The range query's step already fits the window: every point is one the charts draw.
        maxPoints: Infinity,
      }),
    ];
  },
};
