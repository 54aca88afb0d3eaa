import type { MetricName } from './metric-catalog.ts';

/** What a metric's PromQL needs besides the instance: the range query's step and the host's size. */
export interface QueryScope {
  /** DBMind's `host:port`, the `instance` label of the PostgreSQL exporter's series and the process group. */
  address: string;
  stepSeconds: number;
  rateSeconds: number;
  /** How far back a gauge's last sample still counts: a scrape or two missed on a busy machine is no outage. */
  lookbackSeconds: number;
  cpuCount: number;
  memoryBytes: number;
  /** The mount point of the file system holding the servers' data directories. */
  mountPoint: string;
}

const label = (value: string) => JSON.stringify(value);

/**
 * Each DBMind metric as PromQL over the exporters' series. Every expression but `pg_up` is kept only while the
 * server answers (`pg_up == 1`): a stopped server is a gap in every line, never a drop to zero. The exporter reports
 * `pg_up 0` at the first scrape after the server stops, so the gap starts there; a scrape that merely came
 * late on a busy machine leaves the last sample standing for `lookbackSeconds`.
 */
export function metricQuery(metric: MetricName, scope: QueryScope): string {
  const instance = `instance=${label(scope.address)}`;
  const group = `groupname=${label(scope.address)}`;
  const rate = `${scope.rateSeconds}s`;
  const last = (selector: string) => `last_over_time(${selector}[${scope.lookbackSeconds}s])`;
  const expression = ((): string => {
    switch (metric) {
      case 'pg_up':
        return last(`pg_up{${instance}}`);
      case 'gaussdb_total_connection':
        return last(`dbmind_total_connection{${instance}}`);
      case 'gaussdb_connection_usage':
        // Slots, not sessions a person opened: DBMind's own exporter takes one as well.
        return `${last(`dbmind_connections_in_use{${instance}}`)} / ${last(`dbmind_connection_limit{${instance}}`)} * 100`;
      case 'gaussdb_active_connection':
        return last(`dbmind_active_connection{${instance}}`);
      case 'gaussdb_qps_by_instance':
        return `rate(dbmind_xacts{${instance}}[${rate}])`;
      case 'pg_long_transaction_count':
        return last(`dbmind_long_transactions{${instance}}`);
      case 'pg_lock_waiting_count':
        return last(`dbmind_lock_waits{${instance}}`);
      case 'gaussdb_log_dead_lock_count':
        return `increase(dbmind_deadlocks{${instance}}[${scope.stepSeconds}s])`;
      case 'pg_cache_hit_ratio':
        return last(`dbmind_cache_hit_ratio{${instance}}`);
      case 'gaussdb_db_size_total':
        return `${last(`dbmind_db_size_bytes{${instance}}`)} / 1048576`;
      case 'pg_replication_slot_retained_wal':
        return `${last(`dbmind_slot_retained_bytes{${instance}}`)} / 1048576`;
      case 'os_cpu_user_usage':
        // The postmaster and every backend it forked, as a share of the whole machine.
        return `sum(rate(namedprocess_namegroup_cpu_seconds_total{${group}}[${rate}])) / ${scope.cpuCount} * 100`;
      case 'os_mem_usage':
        // Proportional: the shared buffers every backend maps are counted once, not once per backend.
        return `sum(${last(`namedprocess_namegroup_memory_bytes{${group},memtype="proportionalResident"}`)}) / ${scope.memoryBytes} * 100`;
      case 'os_disk_usage': {
        // As `df` reports it: blocks in use over those a user may fill (the root reserve counted in neither).
        const fs = `mountpoint=${label(scope.mountPoint)}`;
        const used = `(${last(`node_filesystem_size_bytes{${fs}}`)} - ${last(`node_filesystem_free_bytes{${fs}}`)})`;
        return `max(${used} / (${used} + ${last(`node_filesystem_avail_bytes{${fs}}`)}) * 100)`;
      }
    }
  })();
  // Whether the server answers is itself a figure: its 0 is a value DBMind's alarm rules judge, not a gap.
  if (metric === 'pg_up') return expression;
  return `(${expression}) and on() (${last(`pg_up{${instance}}`)} == 1)`;
}

/**
 * Whether the server answered at Prometheus's last scrape: 1 when its exporter answered and reached it, 0 when the
 * exporter could not reach it (`pg_up` 0) or did not answer in time itself (`up` 0: the exporter tries a server
 * that refuses it for about a second, longer than a test's one-second scrape). DBMind's instance-down rule reads it.
 */
export function answerQuery(scope: Pick<QueryScope, 'address' | 'lookbackSeconds'>): string {
  const instance = `instance=${label(scope.address)}`;
  const last = (selector: string) => `last_over_time(${selector}[${scope.lookbackSeconds}s])`;
  const scraped = last(`up{job="postgres",${instance}}`);
  return `(${last(`pg_up{${instance}}`)} * ${scraped}) or ${scraped}`;
}
