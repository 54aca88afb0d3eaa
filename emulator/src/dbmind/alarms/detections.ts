/**
 * The inspection items of `summary_alarms` (GaussMaster's `DBMIND_DETECTIONS`) that the emulator really evaluates,
 * plus two it adds for PostgreSQL (connections, locks). Items it cannot evaluate here are left out rather than
 * shown as "normal".
 */
export const detections = {
  disk_usage: {
    name: '磁盘使用率',
    anomalyName: '磁盘使用率过高',
    metrics: ['gaussdb_mount_usage', 'os_disk_usage'],
  },
  os_cpu_user_usage: { name: 'CPU使用率', anomalyName: 'CPU使用率过高', metrics: ['os_cpu_user_usage'] },
  os_mem_usage: { name: '内存使用率', anomalyName: '内存使用率过高', metrics: ['os_mem_usage'] },
  pg_long_transaction_count: {
    name: '长事务',
    anomalyName: '数据库存在超长事务',
    metrics: ['pg_long_transaction_count'],
  },
  gaussdb_cluster_state: {
    name: '集群状态',
    anomalyName: '数据库节点状态异常',
    metrics: ['gaussdb_cluster_state'],
  },
  connection_usage: {
    name: '连接数',
    anomalyName: '连接数接近上限',
    metrics: ['gaussdb_connection_usage', 'gaussdb_total_connection'],
  },
  lock_conflict: {
    name: '锁冲突',
    anomalyName: '存在锁等待或死锁',
    metrics: ['pg_lock_waiting_count', 'gaussdb_log_dead_lock_count'],
  },
  slow_sql: { name: '慢sql', anomalyName: '存在慢sql', metrics: ['slow_sql'] },
} as const;

export type DetectionKey = keyof typeof detections;
export const detectionKeys = Object.keys(detections) as DetectionKey[];

export function detectionOf(metricName: string): DetectionKey | undefined {
  return detectionKeys.find((key) => (detections[key].metrics as readonly string[]).includes(metricName));
}

/** Python logging levels, which DBMind uses for alarm levels. */
export const alarmLevels = { info: 20, warning: 30, error: 40, critical: 50 } as const;
