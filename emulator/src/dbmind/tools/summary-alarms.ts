import { formatDbmindTime, parseDbmindTime } from '@dws-console/shared';
import type { DbmindElement } from '@dws-console/shared';
import { alarmJson, type AlarmRecord } from '../alarms/alarm-detector.ts';
import { detectionKeys, detections, type DetectionKey } from '../alarms/detections.ts';
import { ToolError } from '../errors.ts';
import { alarmCard, emptyAlarmCard, filterBox, sortList, str } from '../output-elements.ts';
import { pythonJsonDumps } from '../wire-format.ts';
import { rangeEnd, stringArg, type Tool, type ToolContext } from './tool.ts';

/** The latest alarm per inspection item (GaussMaster's `filter_latest_alarms`). */
function latestPerDetection(alarms: AlarmRecord[]): Map<DetectionKey, AlarmRecord> {
  const latest = new Map<DetectionKey, AlarmRecord>();
  for (const alarm of alarms) {
    const current = latest.get(alarm.detection);
    if (!current || alarm.startAt > current.startAt) latest.set(alarm.detection, alarm);
  }
  return latest;
}

/** GaussMaster's `generate_alarm_output` for the session's instance. */
export async function summariseAlarms(
  context: ToolContext,
  from: number,
  to: number,
): Promise<DbmindElement[]> {
  const until = await rangeEnd(context, new Date(to));
  const latest = latestPerDetection(context.alarms.alarmsBetween(context.address, from, until));
  if (latest.size === 0) return [str(`可巡检1个节点，未发现异常节点. `)];
  const cards: DbmindElement[] = detectionKeys.map((key) => {
    const alarm = latest.get(key);
    if (!alarm) return emptyAlarmCard(detections[key].anomalyName);
    return alarmCard({
      name: detections[key].name,
      content: `${formatDbmindTime(alarm.startAt)}到${formatDbmindTime(alarm.endAt)}期间出现如下异常: ${alarm.content}`,
      event: pythonJsonDumps(alarmJson(alarm)),
      instance: context.address,
    });
  });
  const abnormal = [sortList(context.address, cards)];
  return [
    str(`巡检感知到异常节点${abnormal.length}个， 详细信息如下: `),
    filterBox('name', '请输入要查询的ip. ', abnormal),
    ...abnormal,
  ];
}

export const summaryAlarms: Tool = {
  name: 'summary_alarms',
  description:
    'summary_alarms工具的功能是获取指定时间范围内的告警信息，summary_alarms工具有2个必要参数start_time和end_time，如果没有日期的信息，默认日期为今天。',
  params: [
    {
      name: 'start_time',
      description: '必要参数，用来筛选告警的时间范围的开始时间，格式为%Y-%m-%d %H:%M:%S',
      type: 'str',
      required: true,
    },
    {
      name: 'end_time',
      description: '必要参数，用来筛选告警的时间范围的结束时间，格式为%Y-%m-%d %H:%M:%S',
      type: 'str',
      required: true,
    },
  ],
  async run(context, args) {
    const start = parseDbmindTime(stringArg(args, 'start_time') ?? '');
    const end = parseDbmindTime(stringArg(args, 'end_time') ?? '');
    if (!start || !end) throw new ToolError('start_time和end_time的格式应为%Y-%m-%d %H:%M:%S');
    return summariseAlarms(context, start.getTime(), end.getTime());
  },
};
