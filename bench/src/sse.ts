import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import { Agent, fetch, type Dispatcher } from 'undici';
import type { Figure } from './results.ts';
import { startTs } from './processes.ts';
import { logInThrough, startBff, type BenchStack } from './stack.ts';

const now = () => performance.timeOrigin + performance.now();

/** Where a stream is read from: the source directly, or through the BFF. */
interface Target {
  url: string;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  userId?: string;
}

interface StreamResult {
  latencies: number[];
  events: number;
}

/** Asks one question and records, for each event, how long after it was written it arrived here. */
async function stream(options: {
  url: string;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  /** DBMind itself wants a user id; the BFF sets it and refuses one from the client. */
  userId?: string;
  events: number;
  interval: number;
}): Promise<StreamResult> {
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'Accept-Encoding': 'gzip, deflate, br',
      ...options.headers,
    },
    body: JSON.stringify({
      query: `events=${options.events} interval=${options.interval}`,
      session_id: 'bench_session',
      ...(options.userId ? { user_id: options.userId } : {}),
      mode: 'tool_interaction',
    }),
    dispatcher: options.dispatcher,
  });
  if (response.status !== 200) throw new Error(`${options.url}: HTTP ${response.status}`);
  const result: StreamResult = { latencies: [], events: 0 };
  const parser = createParser({
    onEvent: (event) => {
      const arrived = now();
      if (event.event && event.event !== 'message') return;
      const { sentAt } = JSON.parse(event.data) as { sentAt: number };
      result.latencies.push(arrived - sentAt);
      result.events += 1;
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body!)
    parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
  return result;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Opens `count` streams a hundred at a time (a burst would overflow the listen backlog), all held at once. */
async function many<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const started: Promise<T>[] = [];
  for (let first = 0; first < count; first += 100) {
    const batch = Array.from({ length: Math.min(100, count - first) }, (_, k) => open(first + k));
    started.push(...batch);
    await Promise.race([Promise.all(batch), new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  return Promise.all(started);
}

/**
 * 2. Latency the BFF adds to each event, at 1 and 200 concurrent streams, against reading the source directly.
 * 3. Streams one BFF process holds with an event each second, and the memory each costs.
 */
export async function benchSse(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const source = startTs(
    'sse-source',
    'bench/src/sse-source.ts',
    {
      ...process.env,
      SSE_SOURCE_PORT: String(stack.ports.sseSource),
      SSE_SOURCE_CERT: stack.pki.serverCert,
      SSE_SOURCE_KEY: stack.pki.serverKey,
      SSE_SOURCE_CA: stack.pki.ca,
    },
    log,
  );
  const sourceUrl = `https://127.0.0.1:${stack.ports.sseSource}`;
  const [ca, cert, key, pass] = await Promise.all([
    readFile(stack.pki.ca),
    readFile(stack.pki.clientCert),
    readFile(stack.pki.clientKey),
    readFile(stack.pki.clientPass, 'utf8'),
  ]);
  const direct = new Agent({ connect: { ca, cert, key, passphrase: pass.trim() }, connections: null });
  const viaBff = new Agent({ connect: { ca }, connections: null });
  const figures: Figure[] = [];
  let bff;
  try {
    // The source asks for a client certificate before it says anything, so probe with one.
    for (let tries = 0; ; tries += 1) {
      try {
        await fetch(`${sourceUrl}/`, {
          method: 'POST',
          body: '{"query":"events=1 interval=1"}',
          dispatcher: direct,
        }).then((r) => r.text());
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    bff = await startBff({
      dataDir: stack.dataDir,
      pki: stack.pki,
      port: stack.ports.sseBff,
      cloudUrl: stack.cloudUrl,
      dbmindUrl: sourceUrl,
      log,
      name: 'bff-sse',
    });
    const bffUrl = `https://127.0.0.1:${stack.ports.sseBff}`;
    const cookie = await logInThrough(bffUrl, ca);
    const throughBff: Target = {
      url: `${bffUrl}/api/dbmind/intelligent-interaction`,
      dispatcher: viaBff,
      headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
    };
    const toSource: Target = {
      url: `${sourceUrl}/v1/api/app/intelligent-interaction`,
      dispatcher: direct,
      headers: {},
      userId: 'bench_user',
    };

    for (const concurrency of [1, 200]) {
      const run = async (target: Target) => {
        const results = await many(concurrency, () => stream({ ...target, events: 50, interval: 20 }));
        return results.flatMap((r) => r.latencies);
      };
      await run(toSource);
      const directLatencies = await run(toSource);
      const bffLatencies = await run(throughBff);
      const added50 = percentile(bffLatencies, 50) - percentile(directLatencies, 50);
      const added99 = percentile(bffLatencies, 99) - percentile(directLatencies, 99);
      log(
        `sse: ${concurrency} streams: direct p50 ${percentile(directLatencies, 50).toFixed(2)} ms, p99 ${percentile(directLatencies, 99).toFixed(2)} ms; through the BFF p50 ${percentile(bffLatencies, 50).toFixed(2)} ms, p99 ${percentile(bffLatencies, 99).toFixed(2)} ms`,
      );
      figures.push(
        {
          section: 'SSE',
          name: `added latency per event, p50, ${concurrency} stream${concurrency > 1 ? 's' : ''}`,
          value: added50,
          unit: 'ms',
          comparedWith: `direct p50 ${percentile(directLatencies, 50).toFixed(2)} ms`,
        },
        {
          section: 'SSE',
          name: `added latency per event, p99, ${concurrency} stream${concurrency > 1 ? 's' : ''}`,
          value: added99,
          unit: 'ms',
          comparedWith: `direct p99 ${percentile(directLatencies, 99).toFixed(2)} ms`,
          ...(concurrency === 200 ? { target: '< 1 ms', met: added99 < 1 } : {}),
        },
      );
    }

    // Held streams: an event each second for 15 s on every stream.
    const held = 5000;
    const events = 15;
    const pid = bff.child.pid!;
    const baseline = await rssKiB(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      void rssKiB(pid).then((rss) => (peak = Math.max(peak, rss)));
    }, 500);
    const failures = new Map<string, number>();
    const results = await many(held, () =>
      stream({ ...throughBff, events, interval: 1000 }).catch((error: unknown) => {
        const reason =
          error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
        return { latencies: [], events: 0 };
      }),
    );
    for (const [reason, count] of failures) log(`sse: ${count} streams failed: ${reason}`);
    clearInterval(sampler);
    const complete = results.filter((r) => r.events === events).length;
    const perStream = ((peak - baseline) * 1024) / held / 1000;
    log(
      `sse: ${complete}/${held} streams received all ${events} events; BFF RSS ${baseline} KiB -> peak ${peak} KiB`,
    );
    figures.push(
      {
        section: 'Streams',
        name: `streams held by one BFF process, an event each second for ${events} s`,
        value: complete,
        unit: `of ${held} complete`,
        target: `${held}, no event lost`,
        met: complete === held,
      },
      {
        section: 'Streams',
        name: 'memory per held stream (BFF RSS growth / streams)',
        value: perStream,
        unit: 'KB',
        comparedWith: 'nginx: 13 KB (measured on this kind of machine)',
        target: '< 40 KB',
        met: perStream < 40,
      },
    );
  } finally {
    await Promise.all([direct.close(), viaBff.close()]);
    await bff?.stop();
    await source.stop();
  }
  return figures;
}
