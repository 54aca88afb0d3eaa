import type { MetricSeries } from '@dws-console/shared';

export type Point = [time: number, value: number | null];

/** `%Y-%m-%d %H:%M:%S` in local time, as DBMind writes it; NaN when it is not one. */
export function parseDbmindTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

/**
 * The points of a series for a line chart. A `null` stays `null` (the chart leaves a gap), and where samples are
 * missing (DBMind could not reach the cluster) a `null` is put in the hole, so the line never bridges it.
 */
export function seriesPoints(series: Pick<MetricSeries, 'timestamps' | 'values'>): Point[] {
  const points: Point[] = series.timestamps
    .map((t, i): Point => [parseDbmindTime(t), series.values[i] ?? null])
    .filter(([t]) => Number.isFinite(t));
  if (points.length < 3) return points;
  const steps = points
    .slice(1)
    .map(([t], i) => t - points[i]![0])
    .sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)]!;
  const withGaps: Point[] = [points[0]!];
  for (const point of points.slice(1)) {
    const previous = withGaps[withGaps.length - 1]!;
    if (usual > 0 && point[0] - previous[0] > 3 * usual) withGaps.push([previous[0] + usual, null]);
    withGaps.push(point);
  }
  return withGaps;
}

/** The last value that is there, for the figure beside a chart. */
export function latestValue(points: Point[]): number | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const value = points[i]![1];
    if (value !== null) return value;
  }
  return undefined;
}

/**
 * Where the line has gaps: each run of missing points after the first measured one, from the last point measured
 * before it to the first after it (or the end), so the shaded span covers the whole time nothing answered. Before
 * the first point the server was not watched yet: that is no outage.
 */
export function outages(points: Point[]): [from: number, to: number][] {
  const spans: [number, number][] = [];
  let start: number | undefined;
  let measured = false;
  for (let i = 0; i < points.length; i += 1) {
    const [t, v] = points[i]!;
    if (v === null) {
      if (measured) start ??= points[i - 1]![0];
    } else if (start !== undefined) {
      spans.push([start, t]);
      start = undefined;
    } else measured = true;
  }
  if (start !== undefined) spans.push([start, points.at(-1)![0]]);
  return spans;
}
