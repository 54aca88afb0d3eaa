import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

/** One set of labels is one series whatever order it was given in: prom-client prints them as given first. */
const sorted = (labels: Labels): Labels =>
  Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]!]),
  );

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The console's own metrics, written by prom-client in a registry of their own. Small on purpose: a handful of
 * counters, one latency histogram and gauges read when scraped, with route labels bounded by the route table.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #counters = new Map<string, Counter>();
  readonly #requests = new Counter({
    name: 'bff_http_requests_total',
    help: 'Requests answered.',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'bff_http_request_duration_seconds',
    help: 'Time to answer a request.',
    labelNames: ['method', 'route'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  /** Counts on the counter `name`, made on first use with the names of these labels. */
  count(name: string, help: string, labels: Labels = {}, by = 1): void {
    const ordered = sorted(labels);
    let counter = this.#counters.get(name);
    if (!counter) {
      counter = new Counter({ name, help, labelNames: Object.keys(ordered), registers: [this.registry] });
      this.#counters.set(name, counter);
    }
    counter.inc(ordered, by);
  }

  /** A gauge read when scraped; registering a name again replaces the reader. */
  gauge(name: string, help: string, read: () => Promise<number> | number): void {
    this.registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        // A gauge that cannot be read (Redis away) is NaN, not a failed scrape of every other metric.
        this.set(
          await Promise.resolve()
            .then(read)
            .catch(() => Number.NaN),
        );
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Counts every request and its latency, labelled with the route the routers recorded (never the raw path). */
  readonly middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = typeof res.locals.route === 'string' ? res.locals.route : 'other';
      this.#requests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.#latency.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
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
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.render());
  };
}
