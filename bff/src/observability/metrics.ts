import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

type Labels = Record<string, string>;

const escapeValue = (value: string) =>
  /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;

/** Labels in the text format, by name, so one set of labels is one series whatever order it was given in. */
const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeValue(labels[name]!)}"`)
    .join(',');

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The console's own metrics in the Prometheus text format. Small on purpose: a handful of counters,
 * one latency histogram and gauges read when scraped, with route labels bounded by the route table.
 */
export class Metrics {
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>();
  readonly #latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  readonly #gauges = new Map<string, { help: string; read: () => Promise<number> | number }>();

  count(name: string, help: string, labels: Labels = {}, by = 1): void {
    this.#add(name, help, key(labels), by);
  }

  #add(name: string, help: string, series: string, by: number): void {
    let counter = this.#counters.get(name);
    if (!counter) this.#counters.set(name, (counter = { help, values: new Map() }));
    counter.values.set(series, (counter.values.get(series) ?? 0) + by);
  }

  #observe(labels: string, seconds: number): void {
    let series = this.#latency.get(labels);
    if (!series)
      this.#latency.set(labels, (series = { buckets: latencyBuckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < latencyBuckets.length; i += 1)
      if (seconds <= latencyBuckets[i]!) series.buckets[i]! += 1;
    series.sum += seconds;
    series.count += 1;
  }

  gauge(name: string, help: string, read: () => Promise<number> | number): void {
    this.#gauges.set(name, { help, read });
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.#counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    const histogram = 'bff_http_request_duration_seconds';
    lines.push(`# HELP ${histogram} Time to answer a request.`, `# TYPE ${histogram} histogram`);
    for (const [labels, series] of this.#latency) {
      const sep = labels ? ',' : '';
      latencyBuckets.forEach((bound, i) =>
        lines.push(`${histogram}_bucket{${labels}${sep}le="${bound}"} ${series.buckets[i]}`),
      );
      lines.push(`${histogram}_bucket{${labels}${sep}le="+Inf"} ${series.count}`);
      lines.push(`${histogram}_sum${labels ? `{${labels}}` : ''} ${series.sum}`);
      lines.push(`${histogram}_count${labels ? `{${labels}}` : ''} ${series.count}`);
    }
    for (const [name, { help, read }] of this.#gauges) {
      // A gauge that cannot be read (Redis away) is NaN, not a failed scrape of every other metric.
      const value = await Promise.resolve()
        .then(read)
        .catch(() => Number.NaN);
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /**
   * The label strings of a request's two series, made once per method, route and status: all three are bounded
   * (Node's parser knows a fixed set of methods, routers record routes from their tables), so the cache is too.
   */
  readonly #requestSeries = new Map<string, { counted: string; timed: string }>();

  #seriesOf(method: string, route: string, status: number): { counted: string; timed: string } {
    const id = `${method} ${route} ${status}`;
    let series = this.#requestSeries.get(id);
    if (!series) {
      series = { counted: key({ method, route, status: String(status) }), timed: key({ method, route }) };
      this.#requestSeries.set(id, series);
    }
    return series;
  }

  /** Counts every request and its latency, labelled with the route the routers recorded (never the raw path). */
  readonly middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = typeof res.locals.route === 'string' ? res.locals.route : 'other';
      const series = this.#seriesOf(req.method, route, res.statusCode);
      this.#add('bff_http_requests_total', 'Requests answered.', series.counted, 1);
      this.#observe(series.timed, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `/metrics` answers only the scraper: one that sends the bearer `token` when one is configured, else one on this
 * machine that connects directly. A request relayed by a proxy (which says so in `X-Forwarded-For` or
 * `Forwarded`) comes from a browser even when the proxy runs here, as the local nginx does. Anyone else is
 * told the path does not exist.
 */
export function metricsHandler(metrics: Metrics, options: { token?: string } = {}): RequestHandler {
  const expected = options.token === undefined ? undefined : digest(`Bearer ${options.token}`);
  return async (req, res, next) => {
    const relayed = req.header('x-forwarded-for') !== undefined || req.header('forwarded') !== undefined;
    const allowed = expected
      ? timingSafeEqual(digest(req.header('authorization') ?? ''), expected)
      : !relayed && loopback.has(req.socket.remoteAddress ?? '');
    if (!allowed) return next();
    res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.render());
  };
}
