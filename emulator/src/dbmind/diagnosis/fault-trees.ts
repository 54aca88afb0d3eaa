import { KnowledgeBaseError } from '../errors.ts';
import {
  connections,
  cpuUsage,
  deadlocks,
  diskUsage,
  lockWaits,
  longTransactions,
  memoryUsage,
  reachability,
  recoveryAndReadOnly,
  replication,
  restart,
  slowQueries,
  type Check,
} from './checks.ts';

/**
 * The operations knowledge base: which risk items to walk for an alarm, chosen by its `metric_name` (DBMind maps a
 * metric to its possible causes the same way). Reachability always comes first: the other checks need the instance.
 */
const trees: { metrics: string[]; alarm: string; checks: Check[] }[] = [
  {
    metrics: ['gaussdb_cluster_state', 'pg_up'],
    alarm: '数据库节点状态异常',
    checks: [reachability, restart, recoveryAndReadOnly, replication, connections, diskUsage],
  },
  {
    metrics: ['gaussdb_connection_usage', 'gaussdb_total_connection', 'gaussdb_active_connection'],
    alarm: '连接数接近上限',
    checks: [reachability, connections, longTransactions, lockWaits],
  },
  {
    metrics: ['pg_long_transaction_count'],
    alarm: '数据库存在超长事务',
    checks: [reachability, longTransactions, lockWaits, connections],
  },
  {
    metrics: ['pg_lock_waiting_count', 'gaussdb_log_dead_lock_count', 'gaussdb_log_lock_wait_timeout'],
    alarm: '锁冲突',
    checks: [reachability, lockWaits, deadlocks, longTransactions],
  },
  {
    metrics: ['os_disk_usage', 'gaussdb_mount_usage'],
    alarm: '磁盘使用率过高',
    checks: [reachability, diskUsage, replication],
  },
  {
    metrics: ['os_mem_usage'],
    alarm: '内存使用率过高',
    checks: [reachability, memoryUsage, connections, longTransactions],
  },
  {
    metrics: ['os_cpu_user_usage'],
    alarm: 'CPU使用率过高',
    checks: [reachability, cpuUsage, slowQueries, connections],
  },
  { metrics: ['slow_sql'], alarm: '慢SQL', checks: [reachability, slowQueries, lockWaits, longTransactions] },
];

const general = {
  alarm: '告警',
  checks: [
    reachability,
    restart,
    recoveryAndReadOnly,
    connections,
    longTransactions,
    lockWaits,
    deadlocks,
    replication,
    diskUsage,
  ],
};

/** The fault tree for a metric; an unknown metric gets the general tree. */
export function faultTreeFor(metricName: string): { alarm: string; checks: Check[] } {
  const tree = trees.find((t) => t.metrics.includes(metricName)) ?? general;
  if (tree.checks[0] !== reachability || tree.checks.some((c) => typeof c.run !== 'function')) {
    throw new KnowledgeBaseError(`the fault tree of ${metricName} is malformed`);
  }
  return tree;
}
