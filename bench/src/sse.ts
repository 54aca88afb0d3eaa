import { setMaxListeners } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { createParser } from 'eventsource-parser';
import { Agent, fetch, type Dispatcher } from 'undici';
import { ensureOneCluster } from './dws-api.ts';
import { nginxVersion, startNginx } from './nginx.ts';
import { againstPeer, type Figure } from './results.ts';
import { probeMemory, profileBff, writeMemorySummary } from './profiles.ts';
import { cpuSeconds, root, startTs, waitForHttps } from './processes.ts';
import { logInThrough, startBff, type BenchStack } from './stack.ts';
import { median, percentile } from './stats.ts';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a stream is read from: the source directly, or through the BFF. */
export interface Target {
  url: string;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  /** DBMind itself wants a user id; the BFF sets it and refuses one from the client. */
  userId?: string;
}

interface StreamResult {
  /** For each event, how long after the source wrote it it arrived here (ms). */
  latencies: number[];
  /** When the source wrote each event. */
  sent: number[];
  /** When each event arrived, and the source's number for it ("step N"), to tell a lost event. */
  arrivals: number[];
  steps: number[];
  /** Why the stream ended early, when it did (not counting our own abort): the events before still count. */
  error?: string;
}

const reasonOf = (error: unknown) =>
  error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);

/** Asks one question and records each event as it arrives. `opened` settles once the answer's headers are in. */
export function stream(
  target: Target,
  options: { events: number; interval: number; signal?: AbortSignal },
): { opened: Promise<boolean>; done: Promise<StreamResult> } {
  const result: StreamResult = { latencies: [], sent: [], arrivals: [], steps: [] };
  let markOpened: (ok: boolean) => void = () => undefined;
  const opened = new Promise<boolean>((resolve) => (markOpened = resolve));
  const done = (async () => {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          'Accept-Encoding': 'gzip, deflate, br',
          ...target.headers,
        },
        body: JSON.stringify({
          query: `events=${options.events} interval=${options.interval}`,
          session_id: 'bench_session',
          ...(target.userId ? { user_id: target.userId } : {}),
          mode: 'tool_interaction',
        }),
        dispatcher: target.dispatcher,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      markOpened(true);
      const parser = createParser({
        onEvent: (event) => {
          const arrived = now();
          if (event.event && event.event !== 'message') return;
          const { sentAt, data } = JSON.parse(event.data) as { sentAt: number; data: { content: string }[] };
          result.latencies.push(arrived - sentAt);
          result.sent.push(sentAt);
          result.arrivals.push(arrived);
          result.steps.push(Number(/step (\d+)/.exec(data[0]?.content ?? '')?.[1] ?? options.events));
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body!)
        parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (error) {
      if (!options.signal?.aborted) result.error = reasonOf(error);
    }
    markOpened(false);
    return result;
  })();
  return { opened, done };
}

export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/**
 * Opens `count` streams a hundred at a time, each hundred once the one before is open (a burst of TLS handshakes
 * would overflow the listen backlog and time out on a busy machine), so all are held at once.
 */
export async function many(
  count: number,
  open: () => { opened: Promise<boolean>; done: Promise<StreamResult> },
  options: { deadline?: number; progress?: (opened: number) => void } = {},
): Promise<{ done: Promise<StreamResult>[]; opened: () => number }> {
  const done: Promise<StreamResult>[] = [];
  let opened = 0;
  const deadline = options.deadline ?? Infinity;
  for (let first = 0; first < count && now() < deadline; first += 100) {
    const batch = Array.from({ length: Math.min(100, count - first) }, open);
    done.push(...batch.map((s) => s.done));
    const batchOpened = batch.map((s) => s.opened.then((ok) => (ok ? (opened += 1) : opened)));
    let timer: NodeJS.Timeout | undefined;
    const late = Number.isFinite(deadline)
      ? new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - now()))))
      : new Promise(() => undefined);
    await Promise.race([Promise.all(batchOpened), late]);
    clearTimeout(timer);
    options.progress?.(opened);
  }
  return { done, opened: () => opened };
}

/**
 * The bench's clients: `direct` shows the source the client certificate the BFF shows DBMind, `relayed()` makes an
 * agent that trusts the development CA, for a relay. One TLS context per agent: built per connection (undici's
 * default), each costs milliseconds of this process's event loop (the client key is decrypted every time), which
 * would show up as latency of the other streams.
 */
export async function clientAgents(pki: BenchStack['pki']) {
  const [ca, cert, key, pass] = await Promise.all([
    readFile(pki.ca),
    readFile(pki.clientCert),
    readFile(pki.clientKey),
    readFile(pki.clientPass, 'utf8'),
  ]);
  const keepAlive = { keepAliveTimeout: 60_000, connections: null };
  const passphrase = pass.trim();
  return {
    ca,
    passphrase,
    direct: new Agent({
      connect: { secureContext: createSecureContext({ ca, cert, key, passphrase }), timeout: 60_000 },
      ...keepAlive,
    }),
    relayed: () =>
      new Agent({ connect: { secureContext: createSecureContext({ ca }), timeout: 60_000 }, ...keepAlive }),
  };
}

/** The DBMind-shaped event source (`sse-source.ts`) on `port`, saying DBMind has registered `instance`. */
export function startSource(stack: BenchStack, port: number, instance: string, log: (line: string) => void) {
  return startTs(
    'sse-source',
    'bench/src/sse-source.ts',
    {
      ...process.env,
      SSE_SOURCE_PORT: String(port),
      SSE_SOURCE_CERT: stack.pki.serverCert,
      SSE_SOURCE_KEY: stack.pki.serverKey,
      SSE_SOURCE_CA: stack.pki.ca,
      SSE_SOURCE_INSTANCE: instance,
    },
    log,
  );
}

/** The source asks for a client certificate before it says anything, so it is probed with `dispatcher`'s. */
export async function untilSourceAnswers(url: string, dispatcher: Dispatcher): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(`${url}/`, { method: 'POST', body: '{"query":"events=1 interval=1"}', dispatcher }).then(
        (r) => r.text(),
      );
      return;
    } catch (error) {
      if (tries > 100) throw error;
      await sleep(200);
    }
  }
}

/** Latency runs: how many events each stream carries and how far apart, per number of concurrent streams. */
export const latencyRuns = [
  { concurrency: 1, events: 100, interval: 20 },
  { concurrency: 200, events: 50, interval: 50 },
];
/** Rounds of (direct, through the BFF), interleaved so that the machine's other load falls on both alike. */
const rounds = 5;
/** Rounds of the 200-stream run a profiled BFF relays when the BFF misses its target there (~3 s each). */
const profileRounds = 3;
/** One bench user holds every stream: the per-user bounds of chat work are lifted to what it asks. */
export const oneUserHoldsEveryStream = { CHAT_RUNNING_ANSWERS: '10000', CHAT_QUESTIONS_PER_MINUTE: '10000' };

/**
 * One round of a latency run: `concurrency` streams at once, each asking for `events` events `interval` ms
 * apart. Returns each event's latency, of the events written while every stream of the round was open, and how
 * many events arrived in all.
 */
export async function latencyRound(
  target: Target,
  { concurrency, events, interval }: (typeof latencyRuns)[number],
): Promise<{ latencies: number[]; events: number }> {
  const { done } = await many(concurrency, () => stream(target, { events, interval }));
  const allOpen = now();
  const results = await Promise.all(done);
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) throw new Error(`sse: ${failed.length} streams failed: ${failed[0]?.error}`);
  // Only events written while every stream of the run was open count: before that fewer were concurrent.
  return {
    latencies: results.flatMap((r) => r.latencies.filter((_, i) => r.sent[i]! >= allOpen)),
    events: results.reduce((sum, r) => sum + r.latencies.length, 0),
  };
}

/** What the BFF is held to at 200 streams: the added latency of nginx (× 1.5 at p50, × 2 at p99) and of the Node peer. */
const nginxAllowance = { p50: 1.5, p99: 2 } as const;

/** `BENCH_HELD_STREAMS` fewer while working on the section; the target stays all of them. */
const held = Number(process.env.BENCH_HELD_STREAMS ?? 5000);
const holdSeconds = 15;
/** Streams not open by then are not waited for: the figure says how many were. */
const rampSeconds = 90;

/**
 * 2. Latency the BFF adds to each event, at 1 and 200 concurrent streams, against reading the source directly.
 * 3. Streams one BFF process holds at once with an event each second, and the memory each costs.
 */
export async function benchSse(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  // The BFF asks only about a cluster of the session's project that DBMind has registered: the source says it
  // has registered this one.
  const instance = await ensureOneCluster(stack, (line) => log(`[sse] ${line}`));
  const source = startSource(stack, stack.ports.sseSource, instance, log);
  const sourceUrl = `https://127.0.0.1:${stack.ports.sseSource}`;
  const { ca, passphrase, direct, relayed: relayAgent } = await clientAgents(stack.pki);
  const viaBff = relayAgent();
  const viaNginx = relayAgent();
  const viaNodePeer = relayAgent();
  const figures: Figure[] = [];
  let bff;
  let nginx;
  let nodePeer;
  try {
    await untilSourceAnswers(sourceUrl, direct);
    const memoryProbeFile = path.join(stack.dataDir, 'bff-sse-memory.json');
    bff = await startBff({
      dataDir: stack.dataDir,
      pki: stack.pki,
      port: stack.ports.sseBff,
      cloudUrl: stack.cloudUrl,
      dbmindUrl: sourceUrl,
      log,
      name: 'bff-sse',
      nodeArgs: ['--import', path.join(root, 'bench', 'src', 'memory-probe.mjs')],
      env: { BENCH_MEMORY_PROBE: memoryProbeFile, ...oneUserHoldsEveryStream },
    });
    // The peer: nginx relaying the same source, with the same client certificate the BFF shows DBMind.
    const passFile = path.join(stack.dataDir, 'nginx-sse', 'client.pass');
    await mkdir(path.dirname(passFile), { recursive: true });
    await writeFile(passFile, passphrase + '\n', { mode: 0o600 });
    nginx = await startNginx({
      dir: path.join(stack.dataDir, 'nginx-sse'),
      port: stack.ports.sseNginx,
      upstream: sourceUrl,
      cert: stack.pki.serverCert,
      key: stack.pki.serverKey,
      ca: stack.pki.ca,
      client: { cert: stack.pki.clientCert, key: stack.pki.clientKey, passFile },
    });
    await waitForHttps(`https://127.0.0.1:${stack.ports.sseNginx}/`, nginx.child);
    // The Node peer: what a user would otherwise write, express + http-proxy-middleware relaying the same source.
    nodePeer = startTs(
      'sse-node-peer',
      'bench/src/plain-proxy.ts',
      {
        ...process.env,
        PLAIN_PROXY_TARGET: sourceUrl,
        PLAIN_PROXY_PORT: String(stack.ports.sseNodePeer),
        PLAIN_PROXY_CERT: stack.pki.serverCert,
        PLAIN_PROXY_KEY: stack.pki.serverKey,
        PLAIN_PROXY_CA: stack.pki.ca,
        PLAIN_PROXY_KEEP_ALIVE: '1',
        PLAIN_PROXY_CLIENT_CERT: stack.pki.clientCert,
        PLAIN_PROXY_CLIENT_KEY: stack.pki.clientKey,
        PLAIN_PROXY_CLIENT_PASS_FILE: passFile,
      },
      log,
    );
    await waitForHttps(`https://127.0.0.1:${stack.ports.sseNodePeer}/`, nodePeer.child);
    const bffUrl = `https://127.0.0.1:${stack.ports.sseBff}`;
    const cookie = await logInThrough(bffUrl, ca);
    const throughBff: Target = {
      url: `${bffUrl}/api/dbmind/intelligent-interaction`,
      dispatcher: viaBff,
      headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
    };
    const relayed = (port: number, dispatcher: Dispatcher): Target => ({
      url: `https://127.0.0.1:${port}/v1/api/app/intelligent-interaction`,
      dispatcher,
      headers: {},
      userId: 'bench_user',
    });
    const toSource: Target = {
      ...relayed(stack.ports.sseSource, direct),
      url: `${sourceUrl}/v1/api/app/intelligent-interaction`,
    };
    const relays = [
      { key: 'nginx', target: relayed(stack.ports.sseNginx, viaNginx), pid: nginx.child.pid! },
      { key: 'node', target: relayed(stack.ports.sseNodePeer, viaNodePeer), pid: nodePeer.child.pid! },
      { key: 'bff', target: throughBff, pid: bff.child.pid! },
    ] as const;
    const peerNames = {
      nginx: `nginx ${nginxVersion()} relaying the same streams`,
      node: 'express + http-proxy-middleware relaying the same streams (keep-alive agent, the same client certificate)',
    };

    for (const latencyRun of latencyRuns) {
      const { concurrency, interval } = latencyRun;
      const run = (target: Target) => latencyRound(target, latencyRun);
      // A first round on each path opens its connections (and the relays' to the source): no measured round
      // pays for TLS handshakes.
      await run(toSource);
      for (const relay of relays) await run(relay.target);
      const gcBefore = concurrency === 200 ? await probeMemory(bff.child.pid!, memoryProbeFile) : undefined;
      const latencies = {
        direct: [] as number[],
        nginx: [] as number[],
        node: [] as number[],
        bff: [] as number[],
      };
      // Each round's own difference, then the median over the rounds: a stall of this busy machine that hits
      // one round's direct or relayed run does not decide the figure.
      const added = {
        bff: { p50: [] as number[], p99: [] as number[] },
        nginx: { p50: [] as number[], p99: [] as number[] },
        node: { p50: [] as number[], p99: [] as number[] },
      };
      const cpu = {
        nginx: { seconds: 0, events: 0 },
        node: { seconds: 0, events: 0 },
        bff: { seconds: 0, events: 0 },
      };
      for (let round = 0; round < rounds; round += 1) {
        const directRound = (await run(toSource)).latencies;
        latencies.direct.push(...directRound);
        for (const relay of relays) {
          const cpuBefore = await cpuSeconds(relay.pid);
          const relayRound = await run(relay.target);
          cpu[relay.key].seconds += (await cpuSeconds(relay.pid)) - cpuBefore;
          cpu[relay.key].events += relayRound.events;
          latencies[relay.key].push(...relayRound.latencies);
          for (const p of [50, 99] as const) {
            added[relay.key][`p${p}`].push(percentile(relayRound.latencies, p) - percentile(directRound, p));
          }
        }
      }
      const at = (values: number[], p: number) => percentile(values, p).toFixed(2);
      const what = `${concurrency} stream${concurrency > 1 ? 's' : ''} open, ${1000 / interval} events/s each, median of ${rounds} rounds of ~${Math.round(latencies.bff.length / rounds).toLocaleString('en-US')} events`;
      const range = (values: number[]) =>
        `rounds ${Math.min(...values).toFixed(1)} to ${Math.max(...values).toFixed(1)} ms`;
      for (const p of [50, 99] as const) {
        const key = `p${p}` as const;
        log(
          `sse: ${concurrency} streams, p${p}: direct ${at(latencies.direct, p)} ms, nginx ${at(latencies.nginx, p)} ms, Node peer ${at(latencies.node, p)} ms, BFF ${at(latencies.bff, p)} ms; added per round: BFF ${added.bff[key].map((v) => v.toFixed(1)).join(', ')}, nginx ${added.nginx[key].map((v) => v.toFixed(1)).join(', ')}, Node peer ${added.node[key].map((v) => v.toFixed(1)).join(', ')} ms`,
        );
        const figure = {
          id: `sse.added-${key}.${concurrency}`,
          section: 'SSE',
          name: `added latency per event, ${key}, ${what}`,
          value: median(added.bff[key]),
          unit: 'ms',
          comparedWith: `direct ${key} ${at(latencies.direct, p)} ms, through nginx ${at(latencies.nginx, p)} ms, through the Node peer ${at(latencies.node, p)} ms, through the BFF ${at(latencies.bff, p)} ms (all rounds); BFF ${range(added.bff[key])}, nginx ${range(added.nginx[key])}, Node peer ${range(added.node[key])}`,
        };
        const nginxPeer = { name: peerNames.nginx, value: median(added.nginx[key]) };
        const nodePeerFigure = { name: peerNames.node, value: median(added.node[key]) };
        // The targets are held at 200 streams, where relaying many streams at once is what is measured.
        if (concurrency !== 200) {
          figures.push({
            ...figure,
            comparedWith: `${figure.comparedWith}; ${nginxPeer.name} adds ${nginxPeer.value.toFixed(2)} ms, ${nodePeerFigure.name} ${nodePeerFigure.value.toFixed(2)} ms`,
          });
          continue;
        }
        figures.push(
          againstPeer({ ...figure, peer: { ...nginxPeer, ratio: { atMost: nginxAllowance[key] } } }),
          againstPeer({
            ...figure,
            id: `${figure.id}.node-peer`,
            name: `${figure.name}, against the Node peer`,
            peer: { ...nodePeerFigure, ratio: { atMost: 1 } },
          }),
        );
      }
      if (concurrency !== 200) continue;
      const perEvent = (key: keyof typeof cpu) => (cpu[key].seconds / Math.max(1, cpu[key].events)) * 1e6;
      figures.push({
        id: 'sse.cpu-per-event.200',
        section: 'SSE',
        name: `CPU time per event relayed, ${what}`,
        value: perEvent('bff'),
        unit: 'µs',
        comparedWith: `nginx ${perEvent('nginx').toFixed(1)} µs, the Node peer ${perEvent('node').toFixed(1)} µs (user + system time of each relay's processes over its rounds, which the machine's other load moves far less than latency)`,
      });
      const gcAfter = await probeMemory(bff.child.pid!, memoryProbeFile);
      if (gcBefore) {
        figures.push({
          id: 'sse.gc-pauses.200',
          section: 'SSE',
          name: `garbage collection pauses of the BFF over the ${rounds} measured rounds of ${concurrency} streams`,
          value: gcAfter.gc.totalMs - gcBefore.gc.totalMs,
          unit: 'ms',
          comparedWith: `${gcAfter.gc.count - gcBefore.gc.count} pauses, the longest ${gcAfter.gc.longestMs.toFixed(1)} ms, for ${cpu.bff.events.toLocaleString('en-US')} events (every pause holds back every stream the process relays)`,
        });
      }
    }
    const missed = figures.filter((f) => f.met === false);
    if (missed.length > 0) {
      const latencyRun = latencyRuns.find((r) => r.concurrency === 200)!;
      const profile = await profileBff(stack, {
        name: 'sse-bff-cpu',
        title: `BFF CPU profile: ${profileRounds} rounds of ${latencyRun.concurrency} event streams relayed at once, ${1000 / latencyRun.interval} events/s each (node --cpu-prof)`,
        log,
        dbmindUrl: sourceUrl,
        env: oneUserHoldsEveryStream,
        load: async (url, cookie) => {
          const profiled: Target = {
            ...throughBff,
            url: `${url}/api/dbmind/intelligent-interaction`,
            headers: { ...throughBff.headers, Cookie: cookie },
          };
          for (let round = 0; round < profileRounds; round += 1) await latencyRound(profiled, latencyRun);
        },
      });
      for (const figure of missed) figure.profile = profile;
    }

    figures.push(
      ...(await holdStreams(
        throughBff,
        { bff: bff.child.pid!, source: source.child.pid! },
        memoryProbeFile,
        log,
      )),
    );
  } finally {
    await Promise.all([direct.close(), viaBff.close(), viaNginx.close(), viaNodePeer.close()]);
    await nginx?.stop();
    await nodePeer?.stop();
    await bff?.stop();
    await source.stop();
  }
  return figures;
}

const gapless = (steps: number[]) => steps.every((step, i) => step === i + 1);

/** Streams open the whole hold, with an event for every second of it and no event number missing. */
export function completeStreams(
  results: StreamResult[],
  holdStarted: number,
  holdEnded: number,
  holdSeconds: number,
): number {
  return results.filter(
    (r) =>
      !r.error &&
      gapless(r.steps) &&
      r.arrivals.filter((t) => t >= holdStarted && t <= holdEnded).length >= holdSeconds - 1,
  ).length;
}

/**
 * Opens 5,000 streams through one BFF, each with an event a second, holds them all at once for 15 s, then
 * closes them. A stream is complete when it was open the whole time, got an event for every second of it and
 * no event number is missing.
 */
/**
 * `pids.source` is the event source: a bare Node HTTPS server holding the other end of each stream, the least one
 * TLS connection holding an event stream costs; the BFF holds two per stream (the browser's and DBMind's).
 */
async function holdStreams(
  throughBff: Target,
  pids: { bff: number; source: number },
  memoryProbeFile: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const pid = pids.bff;
  const controller = new AbortController();
  // Every held stream listens to this one signal.
  setMaxListeners(held + 100, controller.signal);
  const probedBefore = await probeMemory(pid, memoryProbeFile);
  const baseline = await rssKiB(pid);
  const sourceBaseline = await rssKiB(pids.source);
  let sourcePeak = sourceBaseline;
  const rampStarted = now();
  const ramp = await many(
    held,
    () => stream(throughBff, { events: 1_000_000, interval: 1000, signal: controller.signal }),
    {
      deadline: rampStarted + rampSeconds * 1000,
      progress: (n) => {
        if (n % 1000 === 0)
          log(`[sse] ${n} streams open after ${((now() - rampStarted) / 1000).toFixed(0)} s`);
      },
    },
  );
  const { done } = ramp;
  const opened = ramp.opened();
  const holdStarted = now();
  let peak = baseline;
  const sampler = setInterval(() => {
    rssKiB(pid).then(
      (rss) => (peak = Math.max(peak, rss)),
      () => undefined,
    );
    rssKiB(pids.source).then(
      (rss) => (sourcePeak = Math.max(sourcePeak, rss)),
      () => undefined,
    );
  }, 500);
  await sleep(holdSeconds * 1000);
  const holdEnded = now();
  clearInterval(sampler);
  peak = Math.max(peak, await rssKiB(pid).catch(() => peak));
  const probedPeak = await probeMemory(pid, memoryProbeFile);
  controller.abort();
  const results = await Promise.all(done);

  const failures = new Map<string, number>();
  for (const { error } of results) if (error) failures.set(error, (failures.get(error) ?? 0) + 1);
  for (const [reason, count] of failures) log(`sse: ${count} streams failed: ${reason}`);
  const complete = completeStreams(results, holdStarted, holdEnded, holdSeconds);
  const lost = results.filter((r) => !gapless(r.steps)).length;
  // Memory is shared among the streams that were really open, not the ones that never got through.
  const perStream = ((peak - baseline) * 1024) / Math.max(1, opened) / 1000;
  const sourcePerStream = ((sourcePeak - sourceBaseline) * 1024) / Math.max(1, opened) / 1000;
  const figures: Figure[] = [
    {
      id: 'streams.held',
      section: 'Streams',
      name: `streams held at once by one BFF process, an event each second, for ${holdSeconds} s`,
      value: complete,
      unit: `of ${held.toLocaleString('en-US')} complete`,
      comparedWith: `${opened} opened (in ${((holdStarted - rampStarted) / 1000).toFixed(0)} s); ${lost} with a lost event; ${[...failures.values()].reduce((a, b) => a + b, 0)} failed`,
      target: `${held.toLocaleString('en-US')}, no event lost`,
      met: complete === held && lost === 0,
    },
  ];
  log(
    `sse: ${opened}/${held} streams open after ${((holdStarted - rampStarted) / 1000).toFixed(1)} s, ${complete} complete after ${holdSeconds} s held; BFF RSS ${baseline} KiB -> peak ${peak} KiB`,
  );
  const memory = againstPeer({
    id: 'streams.memory-per-stream',
    section: 'Streams',
    name: `memory per held stream (BFF peak RSS growth / ${opened} streams open)`,
    value: perStream,
    unit: 'KB',
    comparedWith: `BFF RSS ${(baseline / 1024).toFixed(0)} MiB before, ${(peak / 1024).toFixed(0)} MiB at the peak; the BFF holds two TLS connections per stream (the browser's and DBMind's)`,
    peer: {
      name: 'a bare Node HTTPS server holding one TLS connection per stream (the event source)',
      value: sourcePerStream,
      ratio: { atMost: 1 },
      scale: 2,
      offset: 10,
    },
  });
  // Streams that did not complete on a busy machine are most often ones the process could not hold: the same
  // summary shows what each costs.
  const missed = [...figures, memory].filter((f) => f.met === false);
  if (missed.length > 0) {
    const profile = await writeMemorySummary(
      probedBefore,
      probedPeak,
      opened,
      'streams-bff-memory',
      `BFF memory per held stream, ${opened} streams open (process.memoryUsage and V8 heap spaces)`,
    );
    for (const figure of missed) figure.profile = profile;
  }
  return [...figures, memory];
}
