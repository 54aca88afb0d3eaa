/** When a sampled value raises an alarm. Tests lower the time thresholds to inject faults quickly. */
export interface DetectionThresholds {
  /** A transaction open longer than this is a long transaction (DBMind's `pg_long_transaction_count`). */
  longTransactionSeconds: number;
  /** A statement running longer than this is a slow SQL. */
  slowQuerySeconds: number;
  connectionUsagePercent: number;
  diskUsagePercent: number;
  memUsagePercent: number;
  cpuUsagePercent: number;
}

export const defaultThresholds: DetectionThresholds = {
  longTransactionSeconds: 60,
  slowQuerySeconds: 10,
  connectionUsagePercent: 90,
  diskUsagePercent: 80,
  memUsagePercent: 90,
  cpuUsagePercent: 90,
};

/**
 * The alarm says "持续超过N秒" (open longer than N seconds), and the exporter counts transactions that started
 * before `now() - N`: a transaction open exactly N seconds is not long yet, so the sessions the alarm names are
 * the ones Prometheus counted.
 */
export function isLongTransaction(transactionSeconds: number, thresholds: DetectionThresholds): boolean {
  return transactionSeconds > thresholds.longTransactionSeconds;
}

/** A statement is slow once it has run longer than the limit, as the sampler's query selects it. */
export function isSlowQuery(querySeconds: number, thresholds: DetectionThresholds): boolean {
  return querySeconds > thresholds.slowQuerySeconds;
}
