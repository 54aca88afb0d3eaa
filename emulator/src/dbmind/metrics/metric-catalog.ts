/**
 * DBMind's metrics of every managed instance, read from Prometheus (`metric-queries.ts`), with DBMind's names where
 * it has one.
 */
export const metricCatalog = {
  pg_up: { translation: '实例是否可连接', unit: '1=是，0=否' },
  gaussdb_total_connection: { translation: '并发连接数', unit: '个' },
  gaussdb_connection_usage: { translation: '连接数使用率', unit: '%' },
  gaussdb_active_connection: { translation: '数据库活跃连接数', unit: '个' },
  gaussdb_qps_by_instance: { translation: '数据库每秒事务数', unit: '个/秒' },
  pg_long_transaction_count: { translation: '长事务', unit: '个' },
  pg_lock_waiting_count: { translation: '等锁会话数', unit: '个' },
  gaussdb_log_dead_lock_count: { translation: '死锁次数', unit: '次' },
  pg_cache_hit_ratio: { translation: '缓存命中率', unit: '%' },
  gaussdb_db_size_total: { translation: '数据库总大小', unit: 'MB' },
  pg_replication_slot_retained_wal: { translation: '复制槽保留的WAL', unit: 'MB' },
  os_cpu_user_usage: { translation: 'cpu使用率', unit: '%' },
  os_mem_usage: { translation: '内存使用率', unit: '%' },
  os_disk_usage: { translation: '磁盘使用率', unit: '%' },
} as const;

export type MetricName = keyof typeof metricCatalog;
export const metricNames = Object.keys(metricCatalog) as MetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(metricCatalog, name);
}

export function translateMetric(name: string): string {
  return isMetricName(name) ? metricCatalog[name].translation : name;
}
