import { z } from 'zod/mini';

/**
 * The console's read-only monitoring API (browser <-> BFF): DBMind's metric series and alarms of one DWS
 * cluster of the session's project, over a window ending now. The BFF gets both from DBMind's own tools.
 */
export const monitoringRanges = { '1h': 60, '6h': 6 * 60, '24h': 24 * 60, '7d': 7 * 24 * 60 } as const;
export type MonitoringRange = keyof typeof monitoringRanges;

export const monitoringQuerySchema = z.strictObject({
  range: z.enum(
    Object.keys(monitoringRanges) as [MonitoringRange, ...MonitoringRange[]],
    'must be 1h, 6h, 24h or 7d',
  ),
});

/** The metrics the cluster page draws, in DBMind's names. */
export const monitoredMetrics = [
  'os_cpu_user_usage',
  'os_mem_usage',
  'os_disk_usage',
  'gaussdb_total_connection',
  'gaussdb_qps_by_instance',
  'pg_cache_hit_ratio',
] as const;
export type MonitoredMetric = (typeof monitoredMetrics)[number];

export const metricSeriesSchema = z.object({
  metric: z.enum(monitoredMetrics),
  unit: z.string(),
  /** `%Y-%m-%d %H:%M:%S`, DBMind's local time. */
  timestamps: z.array(z.string()),
  /** `null` is a sample DBMind does not have: a gap, never a zero. */
  values: z.array(z.nullable(z.number())),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const monitoringAlarmSchema = z.object({
  /** The inspection item, e.g. `长事务`. */
  name: z.string(),
  /** What DBMind says happened, with its start and end. */
  description: z.string(),
  /** The alarm JSON, as DBMind's `一键诊断` button sends it to fault diagnosis. */
  event: z.string(),
});
export type MonitoringAlarm = z.infer<typeof monitoringAlarmSchema>;

export const clusterMonitoringSchema = z.object({
  /** DBMind's `host:port` of the cluster. */
  instance: z.string(),
  start_time: z.string(),
  end_time: z.string(),
  series: z.array(metricSeriesSchema),
  alarms: z.array(monitoringAlarmSchema),
});
export type ClusterMonitoring = z.infer<typeof clusterMonitoringSchema>;
