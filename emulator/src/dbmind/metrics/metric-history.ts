import type { PrometheusClient } from '../../prometheus/prometheus-client.ts';
import { rangeStep, rateWindow, stepGrid } from '../../prometheus/range-step.ts';
import type { MetricName } from './metric-catalog.ts';
import { answerQuery, metricQuery } from './metric-queries.ts';

/** One point of a chart line: `null` where the server was down or not scraped, a gap and never a zero. */
export interface MetricPoint {
  t: number;
  v: number | null;
}

export interface MetricHistoryOptions {
  prometheus: () => PrometheusClient;
  scrapeSeconds: number;
  cpuCount: number;
  memoryBytes: number;
  mountPoint: string;
}

/** DBMind's metric series, read from Prometheus with a step that fits the window. */
export class MetricHistory {
  constructor(private readonly options: MetricHistoryOptions) {}

  /** The latest value of `metric` of `address` (a rate over the last four scrapes); undefined while it is down. */
  latest(address: string, metric: MetricName): Promise<number | undefined> {
    const { scrapeSeconds } = this.options;
    return this.options.prometheus().query(
      metricQuery(metric, {
        address,
        stepSeconds: scrapeSeconds,
        rateSeconds: rateWindow(scrapeSeconds, scrapeSeconds),
        lookbackSeconds: 4 * scrapeSeconds,
        cpuCount: this.options.cpuCount,
        memoryBytes: this.options.memoryBytes,
        mountPoint: this.options.mountPoint,
      }),
    );
  }

  /** 1 when `address` answered Prometheus's last scrape, 0 when it did not; undefined before its first scrape. */
  answering(address: string): Promise<number | undefined> {
    return this.options
      .prometheus()
      .query(answerQuery({ address, lookbackSeconds: 4 * this.options.scrapeSeconds }));
  }

  /**
   * The series of `metric` of `address` over [from, to] (ms), one point a step, gaps as `null`. The step fits
   * `askedMs`, the window asked for: `to` may reach past it to the present, a moment later for each line of a
   * chart read one after another, and every line of one window keeps the same step.
   */
  async series(
    address: string,
    metric: MetricName,
    from: number,
    to: number,
    askedMs = to - from,
  ): Promise<MetricPoint[]> {
    const { scrapeSeconds } = this.options;
    // Whole seconds: a window given to the second ends at the last millisecond of its last second.
    const stepSeconds = rangeStep(Math.max(1, Math.floor(askedMs / 1000)), scrapeSeconds);
    const grid = stepGrid(from, to, stepSeconds);
    const [start, end] = [grid[0], grid.at(-1)];
    if (start === undefined || end === undefined) return [];
    const query = metricQuery(metric, {
      address,
      stepSeconds,
      rateSeconds: rateWindow(stepSeconds, scrapeSeconds),
      lookbackSeconds: 4 * scrapeSeconds,
      cpuCount: this.options.cpuCount,
      memoryBytes: this.options.memoryBytes,
      mountPoint: this.options.mountPoint,
    });
    const points = await this.options.prometheus().queryRange({ query, start, end, stepSeconds });
    const byTime = new Map(points.map((p) => [p.t, p.v]));
    // Nothing at all is "no data", not a window-long outage.
    if (byTime.size === 0) return [];
    return grid.map((t) => ({ t, v: byTime.get(t) ?? null }));
  }
}

/** The values of a series that were measured (gaps left out). */
export function measured(points: MetricPoint[]): { t: number; v: number }[] {
  return points.filter((p): p is { t: number; v: number } => p.v !== null);
}
