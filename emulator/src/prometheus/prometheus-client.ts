import { z } from 'zod';

const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ values: z.array(z.tuple([z.number(), z.string()])) })),
  }),
});

const vectorSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ value: z.tuple([z.number(), z.string()]) })),
  }),
});

export interface RangeQuery {
  query: string;
  /** Unix ms of the first and last point; Prometheus evaluates every step from `start`. */
  start: number;
  end: number;
  stepSeconds: number;
}

/** Prometheus's HTTP API, the part DBMind reads: instant and range queries. */
export class PrometheusClient {
  constructor(readonly url: string) {}

  async #post(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params,
      signal: signal ?? AbortSignal.timeout(10_000),
    });
    const body: unknown = await response.json();
    if (!response.ok) {
      const error = (body as { error?: unknown } | null)?.error;
      throw new Error(`Prometheus refused the query: ${typeof error === 'string' ? error : response.status}`);
    }
    return body;
  }

  /** The value of the first series an instant query returns now; undefined when nothing matched. */
  async query(query: string, signal?: AbortSignal): Promise<number | undefined> {
    const body = await this.#post('/api/v1/query', new URLSearchParams({ query }), signal);
    const value = vectorSchema.parse(body).data.result[0]?.value[1];
    return value === undefined || !Number.isFinite(Number(value)) ? undefined : Number(value);
  }

  /** The points of the first series a range query returns (unix ms, value); none when nothing matched. */
  async queryRange(range: RangeQuery, signal?: AbortSignal): Promise<{ t: number; v: number }[]> {
    const params = new URLSearchParams({
      query: range.query,
      start: String(range.start / 1000),
      end: String(range.end / 1000),
      step: `${range.stepSeconds}s`,
    });
    const body = await this.#post('/api/v1/query_range', params, signal);
    const series = matrixSchema.parse(body).data.result[0];
    return (series?.values ?? [])
      .map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) }))
      .filter((p) => Number.isFinite(p.v));
  }
}
