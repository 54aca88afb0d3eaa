import { formatDbmindTime } from '@dws-console/shared';
import type { ManagedInstance } from '../managed-instances.ts';
import type { InstanceSample } from '../metrics/metrics-sampler.ts';
import type { DetectionThresholds } from '../metrics/thresholds.ts';
import { pythonJsonDumps } from '../wire-format.ts';
import {
  diagnoseDataNode,
  featurePrintOrder,
  featuresOf,
  isAbnormal,
  isDown,
  type ClusterFeatures,
} from './cluster-features.ts';
import { alarmLevels, detectionOf, type DetectionKey } from './detections.ts';

/** One alarm, open while its condition holds (DBMind's `tb_history_alarms` row). */
export interface AlarmRecord {
  id: number;
  detection: DetectionKey;
  metricName: string;
  instance: string;
  alarmLevel: number;
  startAt: number;
  endAt: number;
  content: string;
  open: boolean;
  clusterFeature?: ClusterFeatures;
  diagnosisResult?: string;
  /** Slow SQL details (database and statement). */
  extra?: Record<string, string | number>;
}

interface Condition {
  key: string;
  metricName: string;
  level: number;
  content: string;
  clusterFeature?: ClusterFeatures;
  diagnosisResult?: string;
  extra?: Record<string, string | number>;
}

const keptPerInstance = 200;
const pct = (v: number) => v.toFixed(2);

/**
 * DBMind's alarm rules: thresholds from its configuration (`thresholds.ts`) judged against the figures Prometheus
 * holds for the instance (down, connections, long transactions, CPU, memory, disk; decision 032), with the sessions,
 * locks and server state only a look at the instance tells. Keeps a bounded alarm history per instance.
 */
export class AlarmDetector {
  readonly #history = new Map<string, AlarmRecord[]>();
  readonly #openKeys = new Map<string, Map<string, AlarmRecord>>();
  #nextId = 1;

  constructor(private readonly thresholds: DetectionThresholds) {}

  evaluate(instance: ManagedInstance, sample: InstanceSample): void {
    const conditions = this.#conditions(instance, sample);
    const open = this.#openKeys.get(sample.address) ?? new Map<string, AlarmRecord>();
    this.#openKeys.set(sample.address, open);
    const active = new Set<string>();
    for (const condition of conditions) {
      active.add(condition.key);
      const existing = open.get(condition.key);
      if (existing) {
        existing.endAt = sample.at;
        // An alarm that gets worse is shown at its worst.
        existing.alarmLevel = Math.max(existing.alarmLevel, condition.level);
        existing.content = condition.content;
        existing.clusterFeature = condition.clusterFeature;
        existing.diagnosisResult = condition.diagnosisResult;
        existing.extra = condition.extra;
        continue;
      }
      const detection = detectionOf(condition.metricName);
      if (!detection) continue;
      const record: AlarmRecord = {
        id: this.#nextId++,
        detection,
        metricName: condition.metricName,
        instance: sample.address,
        alarmLevel: condition.level,
        startAt: sample.at,
        endAt: sample.at,
        content: condition.content,
        open: true,
        clusterFeature: condition.clusterFeature,
        diagnosisResult: condition.diagnosisResult,
        extra: condition.extra,
      };
      open.set(condition.key, record);
      this.#push(sample.address, record);
    }
    for (const [key, record] of open) {
      if (active.has(key)) continue;
      record.open = false;
      record.endAt = sample.at;
      open.delete(key);
    }
  }

  /** Alarms of an instance that overlap [from, to] (ms), oldest first. */
  alarmsBetween(address: string, from: number, to: number): AlarmRecord[] {
    return (this.#history.get(address) ?? []).filter((a) => a.startAt <= to && a.endAt >= from);
  }

  /** Alarms of an instance whose condition still holds. */
  openAlarms(address: string): AlarmRecord[] {
    return [...(this.#openKeys.get(address)?.values() ?? [])];
  }

  /** Forgets instances that are no longer managed. */
  retain(addresses: Set<string>): void {
    for (const address of this.#history.keys()) {
      if (!addresses.has(address)) {
        this.#history.delete(address);
        this.#openKeys.delete(address);
      }
    }
  }

  #push(address: string, record: AlarmRecord): void {
    const list = this.#history.get(address) ?? [];
    list.push(record);
    if (list.length > keptPerInstance) {
      const closed = list.findIndex((a) => !a.open);
      list.splice(closed >= 0 ? closed : 0, 1);
    }
    this.#history.set(address, list);
  }

  #conditions(instance: ManagedInstance, sample: InstanceSample): Condition[] {
    const t = this.thresholds;
    const m = sample.metrics;
    const conditions: Condition[] = [];

    const features = featuresOf(sample);
    if (isAbnormal(features)) {
      const result = diagnoseDataNode(features);
      const ordered = Object.fromEntries(featurePrintOrder.map((name) => [name, features[name]]));
      // Another diagnosis is another alarm: the down period keeps its own record when a restart follows it.
      conditions.push({
        key: `gaussdb_cluster_state:${result}`,
        metricName: 'gaussdb_cluster_state',
        level: isDown(sample) ? alarmLevels.critical : alarmLevels.warning,
        content: `${sample.address}(dn   ): ${pythonJsonDumps(ordered)} ${result}`,
        clusterFeature: features,
        diagnosisResult: result,
      });
    }

    if (sample.errorCode === '53300') {
      conditions.push({
        key: 'connection_usage',
        metricName: 'gaussdb_connection_usage',
        level: alarmLevels.error,
        content: '连接数已满，新连接被拒绝（too many connections）',
      });
    } else if (
      m.gaussdb_connection_usage !== undefined &&
      m.gaussdb_connection_usage >= t.connectionUsagePercent
    ) {
      conditions.push({
        key: 'connection_usage',
        metricName: 'gaussdb_connection_usage',
        level: alarmLevels.warning,
        content: `连接数使用率${pct(m.gaussdb_connection_usage)}%达到告警上限: ${t.connectionUsagePercent}%${
          sample.connections === undefined ? '' : `（${sample.connections}/${sample.connectionLimit}）`
        }`,
      });
    }

    const longTransactions = m.pg_long_transaction_count ?? 0;
    if (longTransactions > 0) {
      // The sessions behind the count are the look's: no metric carries them.
      const longest = sample.longTransactions[0];
      const who = longest
        ? `，最长${Math.round(longest.transactionSeconds)}秒（会话${longest.pid}，${longest.user}@${longest.database}，状态${longest.state}）`
        : '';
      conditions.push({
        key: 'pg_long_transaction_count',
        metricName: 'pg_long_transaction_count',
        level: alarmLevels.warning,
        content: `存在${longTransactions}个持续超过${t.longTransactionSeconds}秒的长事务${who}`,
      });
    }

    if (sample.lockWaits.length > 0) {
      const blockers = [...new Set(sample.lockWaits.flatMap((w) => w.blockingPids))];
      conditions.push({
        key: 'pg_lock_waiting_count',
        metricName: 'pg_lock_waiting_count',
        level: alarmLevels.warning,
        content: `${sample.lockWaits.length}个会话在等待锁，阻塞者为会话${blockers.join(',')}`,
      });
    }
    if ((m.gaussdb_log_dead_lock_count ?? 0) > 0) {
      conditions.push({
        key: 'gaussdb_log_dead_lock_count',
        metricName: 'gaussdb_log_dead_lock_count',
        level: alarmLevels.warning,
        content: `检测到${m.gaussdb_log_dead_lock_count}次死锁`,
      });
    }

    const slowest = [...sample.slowQueries].sort((a, b) => b.querySeconds - a.querySeconds)[0];
    if (slowest) {
      conditions.push({
        key: 'slow_sql',
        metricName: 'slow_sql',
        level: alarmLevels.warning,
        content: `节点: ${sample.address}在${formatDbmindTime(sample.at - slowest.querySeconds * 1000)}有慢sql: ${slowest.query}`,
        extra: {
          db_name: slowest.database,
          query: slowest.query,
          duration: Math.round(slowest.querySeconds),
        },
      });
    }

    const hostChecks: [keyof typeof m, number, string, string][] = [
      ['os_disk_usage', t.diskUsagePercent, 'os_disk_usage', '磁盘使用率'],
      ['os_mem_usage', t.memUsagePercent, 'os_mem_usage', '内存使用率'],
      ['os_cpu_user_usage', t.cpuUsagePercent, 'os_cpu_user_usage', 'CPU使用率'],
    ];
    for (const [metric, limit, name, text] of hostChecks) {
      const value = m[metric];
      if (value !== undefined && value >= limit) {
        conditions.push({
          key: name,
          metricName: name,
          level: alarmLevels.warning,
          content: `${text}${pct(value)}%达到告警上限: ${limit}%`,
        });
      }
    }
    return conditions;
  }
}

/**
 * The alarm JSON of the `一键诊断` button, keys in the order of the seed's second example. Cluster-state alarms
 * carry exactly the seed's fields; metric alarms add their end time (and slow SQL its statement).
 */
export function alarmJson(record: AlarmRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    history_alarm_id: record.detection === 'gaussdb_cluster_state' ? `c_${record.id}` : record.id,
    metric_name: record.metricName,
    instance: record.instance,
    alarm_type: 'ALARM',
    alarm_level: record.alarmLevel,
    start_time: formatDbmindTime(record.startAt),
  };
  if (record.detection !== 'gaussdb_cluster_state') json.end_time = formatDbmindTime(record.endAt);
  if (record.extra) Object.assign(json, record.extra);
  json.alarm_content = record.content;
  json.source = 'dbmind';
  json.status = 0;
  return json;
}
