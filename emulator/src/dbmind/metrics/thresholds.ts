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
