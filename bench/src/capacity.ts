// Capacity as the console is deployed (README's Deployment): nginx in front of two console processes sharing
// Redis, against one console process alone, on this machine. The deployment guide's sizing table comes from it.
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { cpus } from 'node:os';
import path from 'node:path';
import { ensureOneCluster } from './dws-api.ts';
import { localConsoleSiteConf } from '../../scripts/nginx-site.mjs';
import { runNginx } from './nginx.ts';
import { childrenOf, stopChild, waitForHttps, type Service } from './processes.ts';
import type { Figure } from './results.ts';
import {
  clientAgents,
  completeStreams,
  latencyRound,
  latencyRuns,
  many,
  oneUserHoldsEveryStream,
  rssKiB,
  startSource,
  stream,
  type Target,
  untilSourceAnswers,
} from './sse.ts';
import { logInThrough, startBff, type BenchStack } from './stack.ts';
import { median, percentile } from './stats.ts';
import { wrk } from './wrk.ts';

/** Streams each topology holds at once (`BENCH_CAPACITY_STREAMS` fewer while working on the section). */
const heldStreams = Number(process.env.BENCH_CAPACITY_STREAMS ?? 2000);
const holdSeconds = 15;
const restSeconds = 10;
const connections = 50;
const latencyRounds = 3;

interface Topology {
  name: string;
  url: string;
  /** Every process the topology runs (console processes, nginx and its worker, Redis): their memory is its. */
  pids: () => number[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function untilListening(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

async function totalRssKiB(pids: number[]): Promise<number> {
  const sizes = await Promise.all(pids.map((pid) => rssKiB(pid).catch(() => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * REST throughput, event stream latency at 200 streams, and streams held with their memory, through the
 * console processes of each topology: one process alone, and nginx in front of two sharing Redis.
 */
export async function benchCapacity(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const instance = await ensureOneCluster(stack, (line) => log(`[capacity] ${line}`));
  const { ports, pki } = stack;
  const services: { stop(): Promise<void> }[] = [];
  const source = startSource(stack, ports.capacitySource, instance, log);
  services.push(source);
  const sourceUrl = `https://127.0.0.1:${ports.capacitySource}`;
  const { ca, direct, relayed } = await clientAgents(pki);
  const figures: Figure[] = [];
  try {
    await untilSourceAnswers(sourceUrl, direct);
    const consoleOptions = {
      dataDir: stack.dataDir,
      pki,
      cloudUrl: stack.cloudUrl,
      dbmindUrl: sourceUrl,
      log,
    };
    const single = await startBff({
      ...consoleOptions,
      port: ports.capacitySingle,
      name: 'capacity-single',
      env: oneUserHoldsEveryStream,
    });
    services.push(single);
    const redisDir = path.join(stack.dataDir, 'capacity-redis');
    await mkdir(redisDir, { recursive: true });
    // Without persistence, as npm start runs it.
    const redisChild = spawn(
      '/usr/bin/redis-server',
      [
        ...['--port', String(ports.capacityRedis), '--bind', '127.0.0.1', '--dir', redisDir],
        ...['--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      ],
      { stdio: 'ignore' },
    );
    services.push({ stop: () => stopChild(redisChild) });
    await untilListening(ports.capacityRedis);
    const consolePorts = [ports.capacityConsole1, ports.capacityConsole2];
    const consoles: Service[] = [];
    for (const [i, port] of consolePorts.entries()) {
      consoles.push(
        await startBff({
          ...consoleOptions,
          port,
          name: `capacity-console-${i + 1}`,
          env: {
            ...oneUserHoldsEveryStream,
            REDIS_URL: `redis://127.0.0.1:${ports.capacityRedis}`,
            TRUSTED_PROXIES: '127.0.0.1',
          },
        }),
      );
      services.push(consoles[i]!);
    }
    const nginxDir = path.join(stack.dataDir, 'capacity-nginx');
    // As `npm start -- --processes 2` runs it, with room for every held stream twice (browser and console sides).
    const nginx = await runNginx(
      nginxDir,
      localConsoleSiteConf({
        dir: nginxDir,
        port: ports.capacityNginx,
        consolePorts,
        tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca },
        workerConnections: 16_384,
        openFiles: 40_000,
        errorLog: path.join(nginxDir, 'error.log'),
      }),
    );
    services.push(nginx);
    await waitForHttps(`https://127.0.0.1:${ports.capacityNginx}/healthz`, nginx.child);
    const nginxPids = [nginx.child.pid!, ...(await childrenOf(nginx.child.pid!))];
    const topologies: Topology[] = [
      {
        name: 'one console process',
        url: `https://127.0.0.1:${ports.capacitySingle}`,
        pids: () => [single.child.pid!],
        stop: () => single.stop(),
      },
      {
        name: 'nginx in front of 2 console processes sharing Redis',
        url: `https://127.0.0.1:${ports.capacityNginx}`,
        pids: () => [...consoles.map((c) => c.child.pid!), ...nginxPids, redisChild.pid!],
        stop: async () => {
          await nginx.stop();
          for (const c of consoles) await c.stop();
        },
      },
    ];
    const toSource: Target = {
      url: `${sourceUrl}/v1/api/app/intelligent-interaction`,
      dispatcher: direct,
      headers: {},
      userId: 'bench_user',
    };
    const latencyRun = latencyRuns.find((r) => r.concurrency === 200)!;
    for (const topology of topologies) {
      const cookie = await logInThrough(topology.url, ca);
      const via = relayed();
      try {
        const rest = { url: `${topology.url}/api/dws/clusters`, connections, headers: { Cookie: cookie } };
        await wrk({ ...rest, seconds: 2 });
        const load = await wrk({ ...rest, seconds: restSeconds });
        log(`capacity: ${topology.name}: REST ${load.requestsPerSecond} req/s, p99 ${load.p99Ms} ms`);
        figures.push({
          id: `capacity.rest.${topology.pids().length > 1 ? 'balanced' : 'single'}`,
          section: 'Capacity',
          name: `GET clusters through ${topology.name}, ${connections} connections, ${restSeconds} s (p99 ${load.p99Ms.toFixed(1)} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx + load.errors} failed` : ''})`,
          value: load.requestsPerSecond,
          unit: 'req/s',
          comparedWith: `wrk (one thread) on the same ${cpus().length} cores as the topology`,
        });

        const throughTopology: Target = {
          url: `${topology.url}/api/dbmind/intelligent-interaction`,
          dispatcher: via,
          headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
        };
        await latencyRound(toSource, latencyRun);
        await latencyRound(throughTopology, latencyRun);
        const added = { p50: [] as number[], p99: [] as number[] };
        for (let round = 0; round < latencyRounds; round += 1) {
          const directRound = (await latencyRound(toSource, latencyRun)).latencies;
          const relayed = (await latencyRound(throughTopology, latencyRun)).latencies;
          for (const p of [50, 99] as const)
            added[`p${p}`].push(percentile(relayed, p) - percentile(directRound, p));
        }
        for (const p of [50, 99] as const) {
          figures.push({
            id: `capacity.sse-added-p${p}.${topology.pids().length > 1 ? 'balanced' : 'single'}`,
            section: 'Capacity',
            name: `added latency per event, p${p}, 200 streams open, 20 events/s each, through ${topology.name}`,
            value: median(added[`p${p}`]),
            unit: 'ms',
            comparedWith: `median of ${latencyRounds} rounds, each against reading the source directly: ${added[`p${p}`].map((v) => v.toFixed(1)).join(', ')} ms`,
          });
        }

        figures.push(...(await holdThrough(topology, throughTopology, log)));
      } finally {
        await via.close();
      }
    }
  } finally {
    await direct.close();
    for (const service of services.reverse()) await service.stop();
  }
  return figures;
}

/** Opens `heldStreams` streams through the topology, holds them for 15 s, and weighs what they cost. */
async function holdThrough(
  topology: Topology,
  target: Target,
  log: (line: string) => void,
): Promise<Figure[]> {
  const controller = new AbortController();
  setMaxListeners(heldStreams + 100, controller.signal);
  const pids = topology.pids();
  const before = await totalRssKiB(pids);
  const started = Date.now();
  const ramp = await many(
    heldStreams,
    () => stream(target, { events: 1_000_000, interval: 1000, signal: controller.signal }),
    { deadline: performance.timeOrigin + performance.now() + 90_000 },
  );
  const opened = ramp.opened();
  const holdStarted = performance.timeOrigin + performance.now();
  let peak = before;
  const sampler = setInterval(() => {
    totalRssKiB(pids).then(
      (rss) => (peak = Math.max(peak, rss)),
      () => undefined,
    );
  }, 500);
  await sleep(holdSeconds * 1000);
  const holdEnded = performance.timeOrigin + performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, await totalRssKiB(pids));
  controller.abort();
  const results = await Promise.all(ramp.done);
  const complete = completeStreams(results, holdStarted, holdEnded, holdSeconds);
  const perStream = ((peak - before) * 1024) / Math.max(1, opened) / 1000;
  const kind = pids.length > 1 ? 'balanced' : 'single';
  log(
    `capacity: ${topology.name}: ${opened} opened in ${((Date.now() - started) / 1000).toFixed(0)} s, ${complete} complete; RSS ${before} KiB -> ${peak} KiB`,
  );
  return [
    {
      id: `capacity.held.${kind}`,
      section: 'Capacity',
      name: `streams held at once through ${topology.name}, an event each second, for ${holdSeconds} s`,
      value: complete,
      unit: `of ${heldStreams.toLocaleString('en-US')} complete`,
      comparedWith: `${opened} opened (in ${((holdStarted - started) / 1000).toFixed(0)} s)`,
    },
    {
      id: `capacity.memory-per-stream.${kind}`,
      section: 'Capacity',
      name: `memory per held stream through ${topology.name} (peak RSS growth of all its processes / streams open)`,
      value: perStream,
      unit: 'KB',
      comparedWith: `RSS of ${pids.length} process${pids.length > 1 ? 'es' : ''} ${(before / 1024).toFixed(0)} MiB before, ${(peak / 1024).toFixed(0)} MiB at the peak`,
    },
  ];
}
