import { z } from 'zod';

const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

export interface RangeQuery {
  query: string;
  /** Unix ms; Prometheus's grid starts here, so callers align it to the step. */
  start: number;
  end: number;
  stepSeconds: number;
}

/** Prometheus's HTTP API, the part DBMind reads: range queries. */
export class PrometheusClient {
  constructor(readonly url: string) {}

  /** The points of the first series a range query returns (unix ms, value); none when nothing matched. */
  async queryRange(range: RangeQuery, signal?: AbortSignal): Promise<{ t: number; v: number }[]> {
    const params = new URLSearchParams({
      query: range.query,
      start: String(range.start / 1000),
      end: String(range.end / 1000),
      step: `${range.stepSeconds}s`,
    });
    const response = await fetch(`${this.url}/api/v1/query_range`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params,
      signal: signal ?? AbortSignal.timeout(10_000),
    });
    const body: unknown = await response.json();
    const parsed = matrixSchema.safeParse(body);
    if (!parsed.success) {
      const error = (body as { error?: unknown } | null)?.error;
      throw new Error(
        `Prometheus refused the range query: ${typeof error === 'string' ? error : response.status}`,
      );
    }
    const series = parsed.data.data.result[0];
    return (series?.values ?? [])
      .map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) }))
      .filter((p) => Number.isFinite(p.v));
  }
}
