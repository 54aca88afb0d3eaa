import { monitoringRanges } from '@dws-console/shared';
import { describe, expect, it } from 'vitest';
import type { PrometheusClient, RangeQuery } from '../../prometheus/prometheus-client.ts';
import { MetricHistory } from './metric-history.ts';

// The range queries DBMind's metric tool sends for each window of the console, and how it reads the answer.
// Prometheus is stood in for: what is checked here is what DBMind asks and how it lays out the points.

function historyAnswering(points: (t: number) => number | undefined) {
  const asked: RangeQuery[] = [];
  const client = {
    queryRange: (range: RangeQuery) => {
      asked.push(range);
      const answer: { t: number; v: number }[] = [];
      for (let t = range.start; t <= range.end; t += range.stepSeconds * 1000) {
        const v = points(t);
        if (v !== undefined) answer.push({ t, v });
      }
      return Promise.resolve(answer);
    },
  } as unknown as PrometheusClient;
  const history = new MetricHistory({
    prometheus: () => client,
    scrapeSeconds: 15,
    cpuCount: 2,
    memoryBytes: 2 ** 30,
    mountPoint: '/',
  });
  return { history, asked };
}

const end = Date.UTC(2026, 11, 7, 5, 0, 0);

describe('metric windows', () => {
  it('asks each console window with its own step, a window given to the second included', async () => {
    const { history, asked } = historyAnswering(() => 1);
    for (const minutes of Object.values(monitoringRanges)) {
      // As the tool reads "from ... to ...": to the last millisecond of the last second.
      await history.series('127.0.0.1:5432', 'gaussdb_total_connection', end - minutes * 60_000, end + 999);
    }
    expect(asked.map((q) => q.stepSeconds)).toEqual([15, 120, 600, 3600]);
    expect(asked.every((q) => q.query.includes('instance="127.0.0.1:5432"'))).toBe(true);
  });

  it('keeps the step of the window asked for when its end is read a few seconds late, reaching the present', async () => {
    const { history, asked } = historyAnswering(() => 1);
    const from = end - 3_600_000;
    const points = await history.series(
      '127.0.0.1:5432',
      'gaussdb_total_connection',
      from,
      end + 4000,
      3_600_999,
    );
    expect(asked.map((q) => q.stepSeconds)).toEqual([15]);
    expect(points.at(-1)?.t).toBe(end + 4000);
  });

  it('puts a null wherever Prometheus has no point, and nothing at all for a series it never had', async () => {
    const outage = (t: number) => (t > end - 10 * 60_000 && t < end - 5 * 60_000 ? undefined : 3);
    const { history } = historyAnswering(outage);
    const points = await history.series('127.0.0.1:5432', 'gaussdb_total_connection', end - 3_600_000, end);
    expect(points).toHaveLength(241);
    expect(points.filter((p) => p.v === null)).toHaveLength(19);
    expect(points.at(-1)).toEqual({ t: end, v: 3 });

    const never = historyAnswering(() => undefined).history;
    expect(await never.series('127.0.0.1:5432', 'pg_up', end - 3_600_000, end)).toEqual([]);
  });
});
