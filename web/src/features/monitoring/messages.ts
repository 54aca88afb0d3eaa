import { useMessages } from '../../lib/i18n.tsx';

const messages = {
  'zh-CN': {
    title: '监控',
    alarms: '当前告警',
    noAlarms: '所选时间内没有告警',
    diagnose: '诊断',
    noData: '暂无数据',
    outage: '实例不可用',
    latest: '最新值 {value}',
    loadFailed: '无法读取监控数据：{message}',
    'metric.os_cpu_user_usage': 'CPU 使用率',
    'metric.os_mem_usage': '内存使用率',
    'metric.os_disk_usage': '磁盘使用率',
    'metric.gaussdb_total_connection': '连接数',
    'metric.gaussdb_qps_by_instance': '每秒事务数',
    'metric.pg_cache_hit_ratio': '缓存命中率',
    'unit.count': '个',
    'unit.perSecond': '个/秒',
  },
  en: {
    title: 'Monitoring',
    alarms: 'Current alarms',
    noAlarms: 'No alarms in this window',
    diagnose: 'Diagnose',
    noData: 'No data',
    outage: 'Unavailable',
    latest: 'Latest {value}',
    loadFailed: 'Cannot read monitoring data: {message}',
    'metric.os_cpu_user_usage': 'CPU usage',
    'metric.os_mem_usage': 'Memory usage',
    'metric.os_disk_usage': 'Disk usage',
    'metric.gaussdb_total_connection': 'Connections',
    'metric.gaussdb_qps_by_instance': 'Transactions per second',
    'metric.pg_cache_hit_ratio': 'Cache hit ratio',
    'unit.count': '',
    'unit.perSecond': '/s',
  },
} as const;

export type MonitoringMessageKey = keyof (typeof messages)['zh-CN'];

export function useMonitoringT() {
  return useMessages<MonitoringMessageKey>(messages);
}

/** DBMind labels its axes in Chinese (`个`, `个/秒`); other units (`%`, `MB`) read the same in every language. */
const units: Record<string, MonitoringMessageKey> = { 个: 'unit.count', '个/秒': 'unit.perSecond' };

export function useUnitLabel() {
  const t = useMonitoringT();
  return (unit: string) => {
    const key = units[unit];
    return key ? t(key) : unit;
  };
}
