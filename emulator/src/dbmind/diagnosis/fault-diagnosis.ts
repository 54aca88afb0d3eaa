import {
  type DbmindAlarm,
  dbmindAlarmSchema,
  type DbmindElement,
  dbmindProgress,
  parseDbmindTime,
} from '@dws-console/shared';
import type pg from 'pg';
import {
  diagnoseDataNode,
  diagnosisText,
  dnStatusText,
  featureText,
  type ClusterFeatures,
} from '../alarms/cluster-features.ts';
import { detectionOf, detections } from '../alarms/detections.ts';
import { parseAddress } from '../cluster-directory.ts';
import { describeDatabaseError, ToolError } from '../errors.ts';
import { noInstanceChosen, type DbmindServices } from '../interaction/services.ts';
import { instanceAddress, sameHost, type ManagedInstance } from '../managed-instances.ts';
import { translateMetric } from '../metrics/metric-catalog.ts';
import { progress, str, title } from '../output-elements.ts';
import { connect } from '../pg-client.ts';
import type { CheckResult, DiagnosisContext } from './checks.ts';
import { faultTreeFor } from './fault-trees.ts';

export interface FaultDiagnosisInput {
  userId: string;
  sessionId: string;
  query: string;
  signal: AbortSignal;
}

/** `10.90.56.xx(dn   ): {"ping": 0, ...} Unknown`: DBMind's cluster-state alarm content. */
export function readClusterFeature(
  alarm: DbmindAlarm,
): { role: string; features: Partial<ClusterFeatures>; result?: string } | undefined {
  const match = /^\s*(.*?)\((\w+)\s*\):\s*(\{.*\})\s*(.*)$/s.exec(alarm.alarm_content ?? '');
  let features: unknown = alarm.cluster_feature;
  if (typeof features === 'string') {
    try {
      features = JSON.parse(features);
    } catch {
      features = undefined;
    }
  }
  if (match) {
    try {
      features = JSON.parse(match[3]!);
    } catch {
      // Keep cluster_feature, if any.
    }
  }
  if (!features || typeof features !== 'object') return undefined;
  const numeric = Object.fromEntries(
    Object.entries(features as Record<string, unknown>).filter(([, v]) => typeof v === 'number'),
  ) as Partial<ClusterFeatures>;
  return {
    role: match?.[2] ?? alarm.cluster_role ?? 'dn',
    features: numeric,
    result: match?.[4]?.trim() || undefined,
  };
}

function parseAlarm(query: string): DbmindAlarm | string {
  let json: unknown;
  try {
    json = JSON.parse(query);
  } catch {
    return '未能识别告警信息：query应为告警的JSON（可从工具交互模式查询告警结果中的“一键诊断”获取）。';
  }
  const parsed = dbmindAlarmSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(告警)').join('、');
    return `未能识别告警信息：告警JSON缺少或错写了字段${fields}。`;
  }
  return parsed.data;
}

/** The alarm's instance when DBMind manages it (by host:port, or by host when that names one instance). */
async function alarmInstance(
  services: DbmindServices,
  alarm: DbmindAlarm,
): Promise<ManagedInstance | undefined> {
  const text = alarm.instance.trim();
  const byAddress = parseAddress(text) ? await services.directory.find(text) : undefined;
  if (byAddress) return byAddress;
  const sameHostInstances = (await services.directory.list()).filter((i) => sameHost(i.host, text));
  return sameHostInstances.length === 1 ? sameHostInstances[0] : undefined;
}

function statusText(status: CheckResult['status']): string {
  return status === 'abnormal' ? '异常' : status === 'normal' ? '正常' : '无法检查';
}

/**
 * Fault diagnosis of an alarm: the documented progress steps, then a walk of the alarm's fault tree over real
 * checks of the instance, each with its finding, evidence and advice, and a conclusion.
 */
export async function* faultDiagnosis(
  services: DbmindServices,
  input: FaultDiagnosisInput,
): AsyncGenerator<DbmindElement[]> {
  yield [progress(dbmindProgress.queryingFaultTree)];
  yield [progress(dbmindProgress.recognisingAlarm)];
  const alarm = parseAlarm(input.query);
  if (typeof alarm === 'string') {
    yield [str(alarm)];
    return;
  }
  const tree = faultTreeFor(alarm.metric_name);
  yield [progress(dbmindProgress.recognisingParameters)];

  // Only the session's own cluster is diagnosed: an alarm's text is the asker's to write, and naming another
  // tenant's instance in it must not reach that instance.
  const instance = await services.directory.resolve(
    services.sessions.instanceFor(input.userId, input.sessionId),
  );
  if (!instance) throw new ToolError(noInstanceChosen);
  const named = await alarmInstance(services, alarm);
  if (named && instanceAddress(named) !== instanceAddress(instance)) {
    throw new ToolError(`告警的实例${alarm.instance}不是当前会话选择的集群，请先选择该集群`);
  }
  const address = instanceAddress(instance);
  // The checks look at the instance now; restarts and graphs look at the alarm's time, ten minutes either side.
  const now = services.now();
  const start = parseDbmindTime(alarm.start_time ?? '')?.getTime() ?? now - 10 * 60_000;
  const end = parseDbmindTime(alarm.end_time ?? '')?.getTime() ?? start;
  const window = { from: start - 10 * 60_000, to: Math.min(now, Math.max(end, start) + 10 * 60_000) };
  const detection = detectionOf(alarm.metric_name);
  const alarmName = `${detection ? detections[detection].name : translateMetric(alarm.metric_name)}(${alarm.metric_name})`;

  const report: DbmindElement[] = [
    title(`告警诊断：${alarmName}`, 3),
    str(
      `告警实例${alarm.instance}，开始时间${alarm.start_time ?? '未知'}` +
        (alarm.alarm_content ? `，告警内容：${alarm.alarm_content}` : ''),
    ),
  ];
  if (!named) {
    report.push(
      str(
        `告警实例${alarm.instance}不在DBMind纳管范围内，以下检查当前会话的集群${instance.name}（${address}）。`,
      ),
    );
  }

  if (alarm.metric_name === 'gaussdb_cluster_state') {
    const vector = readClusterFeature(alarm);
    if (vector) {
      const result = diagnoseDataNode(vector.features);
      const status = dnStatusText[vector.features.dn_status ?? 0] ?? '未知';
      report.push(
        str(
          `告警中的特征向量：节点角色为'${vector.role}'，状态为'${status}'，` +
            `DBMind决策树的诊断结果为：'${diagnosisText[result] ?? result}'${vector.result && vector.result !== result ? `（告警记录为'${vector.result}'）` : ''}。`,
        ),
      );
      const abnormal = Object.entries(vector.features)
        .filter(([name, value]) => name !== 'dn_status' && value !== 0)
        .map(([name]) => featureText[name] ?? name);
      if (abnormal.length > 0) report.push(str(`告警记录的异常特征包括：${abnormal.join('、')}。`, 'red'));
      else report.push(str('告警记录中没有其他异常特征，以下对实例进行实时检查。'));
    } else {
      report.push(str('告警内容中没有可识别的集群特征向量，以下对实例进行实时检查。'));
    }
  }

  let client: pg.Client | undefined;
  let connectError: DiagnosisContext['connectError'];
  try {
    client = await connect(services.directory.adminTarget(instance), {
      connectTimeoutMs: 3000,
      statementTimeoutMs: 15_000,
    });
  } catch (error) {
    const cause = error instanceof ToolError ? error.cause : error;
    connectError = { code: (cause as { code?: string }).code, text: describeDatabaseError(cause) };
  }
  const closeClient = () => void client?.end().catch(() => undefined);
  input.signal.addEventListener('abort', closeClient, { once: true });

  const context: DiagnosisContext = {
    instance,
    address,
    client,
    connectError,
    window,
    metrics: services.metrics,
    thresholds: services.thresholds,
    alarm: {
      query: typeof alarm.query === 'string' ? alarm.query : undefined,
      database: typeof alarm.db_name === 'string' ? alarm.db_name : undefined,
    },
    useHypopg: services.useHypopg,
  };

  const abnormal: string[] = [];
  try {
    for (const [index, check] of tree.checks.entries()) {
      let result: CheckResult;
      if (check.needsConnection && !client) {
        result = { status: 'skipped', finding: '实例不可达，无法检查', evidence: [] };
      } else {
        try {
          result = await check.run(context);
        } catch (error) {
          if (!(error instanceof ToolError)) throw error;
          result = { status: 'skipped', finding: `检查失败：${error.reason}`, evidence: [] };
        }
      }
      const color = result.status === 'abnormal' ? 'red' : 'black';
      report.push(
        title(
          `${String.fromCharCode(97 + index)}. 排查风险项 '${check.name}'，状态: ${statusText(result.status)}. `,
          4,
          color,
        ),
      );
      report.push(str(result.finding, color));
      report.push(...result.evidence);
      if (result.status === 'abnormal') {
        abnormal.push(check.name);
        if (result.advice) report.push(str(`建议：${result.advice}. `));
      }
    }
  } finally {
    input.signal.removeEventListener('abort', closeClient);
    closeClient();
  }

  report.push(
    abnormal.length > 0
      ? str(`经诊断，${tree.alarm}可能是由${abnormal.join('、')}导致的. `, 'red')
      : str(`经诊断，与${tree.alarm}相关的各项风险项都正常. `),
  );
  yield report;
}
