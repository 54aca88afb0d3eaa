import path from 'node:path';
import { Agent, fetch } from 'undici';
import { hasNginx, nginxVersion, startNginx } from './nginx.ts';
import { profileBff } from './profiles.ts';
import { againstPeer, type Figure } from './results.ts';
import type { BenchStack } from './stack.ts';
import { cpuSeconds, startTs, waitForHttps } from './processes.ts';
import { wrk, type LoadResult } from './wrk.ts';

const connections = 50;
const seconds = 10;

/** A profile of the BFF under the same load, for a few seconds, when it misses its target. */
const profileSeconds = 8;

/**
 * The ratio to the keep-alive proxy comes from rounds that run the BFF and that proxy one after the other, so a
 * change in the machine's other load falls on both sides of a round; the round with the median ratio is the
 * figure. One 10 s window each at different moments moved the peer twofold between two runs.
 */
const ratioRounds = 5;
const roundSeconds = 4;

/**
 * 1. GET clusters at 50 connections for 10 s: direct, through the BFF, a plain proxy with default settings (the
 * target's reference) and with keep-alive, and nginx when it is installed.
 */
export async function benchRest(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const { token, projectId } = stack;
  const upstreamPath = `/v1.0/${projectId}/clusters`;
  const startPlain = (name: string, port: number, keepAlive: boolean) =>
    startTs(
      name,
      'bench/src/plain-proxy.ts',
      {
        ...process.env,
        PLAIN_PROXY_TARGET: stack.cloudUrl,
        PLAIN_PROXY_PORT: String(port),
        PLAIN_PROXY_CERT: stack.pki.serverCert,
        PLAIN_PROXY_KEY: stack.pki.serverKey,
        PLAIN_PROXY_CA: stack.pki.ca,
        PLAIN_PROXY_KEEP_ALIVE: keepAlive ? '1' : '0',
      },
      log,
    );
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const results = new Map<string, LoadResult>();
  const rounds: { bff: LoadResult; peer: LoadResult }[] = [];
  /** CPU seconds each process spent over the rounds, and the requests it answered. */
  const cpu = { bff: { seconds: 0, requests: 0 }, peer: { seconds: 0, requests: 0 } };
  const bffPid = stack.services.find((service) => service.name === 'bff')?.child.pid;
  const proxies: { stop(): Promise<void> }[] = [];
  let answerBytes = 0;
  try {
    const plain = startPlain('plain-proxy', stack.ports.plainProxy, false);
    const plainKeepAlive = startPlain('plain-proxy-keep-alive', stack.ports.plainProxyKeepAlive, true);
    proxies.push(plain, plainKeepAlive);
    await waitForHttps(`https://127.0.0.1:${stack.ports.plainProxy}/`, plain.child);
    await waitForHttps(`https://127.0.0.1:${stack.ports.plainProxyKeepAlive}/`, plainKeepAlive.child);
    const nginx = hasNginx()
      ? await startNginx({
          dir: path.join(stack.dataDir, 'nginx'),
          port: stack.ports.nginx,
          upstream: stack.cloudUrl,
          cert: stack.pki.serverCert,
          key: stack.pki.serverKey,
          ca: stack.pki.ca,
        })
      : undefined;
    if (nginx) {
      proxies.push(nginx);
      await waitForHttps(`https://127.0.0.1:${stack.ports.nginx}/`, nginx.child);
    }
    const targets: { name: string; url: string; headers: Record<string, string> }[] = [
      {
        name: 'direct to the emulator',
        url: `${stack.cloudUrl}${upstreamPath}`,
        headers: { 'X-Auth-Token': token },
      },
      { name: 'through the BFF', url: `${stack.bffUrl}/api/dws/clusters`, headers: { Cookie: stack.cookie } },
      {
        name: 'plain express + http-proxy-middleware',
        url: `https://127.0.0.1:${stack.ports.plainProxy}${upstreamPath}`,
        headers: { 'X-Auth-Token': token },
      },
      {
        name: 'plain express + http-proxy-middleware with a keep-alive agent',
        url: `https://127.0.0.1:${stack.ports.plainProxyKeepAlive}${upstreamPath}`,
        headers: { 'X-Auth-Token': token },
      },
      ...(nginx
        ? [
            {
              name: `nginx ${nginxVersion()} (keep-alive upstream)`,
              url: `https://127.0.0.1:${stack.ports.nginx}${upstreamPath}`,
              headers: { 'X-Auth-Token': token },
            },
          ]
        : []),
    ];

    for (const target of targets) {
      const probe = await fetch(target.url, { headers: target.headers, dispatcher });
      const size = (await probe.arrayBuffer()).byteLength;
      if (probe.status !== 200) throw new Error(`${target.name}: HTTP ${probe.status}`);
      answerBytes ||= size;
      await wrk({ url: target.url, connections, seconds: 2, headers: target.headers });
      const result = await wrk({ url: target.url, connections, seconds, headers: target.headers });
      log(
        `rest: ${target.name}: ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms (${size} B answers)`,
      );
      if (result.non2xx > 0 || result.errors > 0) {
        log(`rest: ${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} socket errors`);
      }
      results.set(target.name, result);
    }
    const bffTarget = targets.find((target) => target.name === 'through the BFF');
    const peerTarget = targets.find((target) => target.name.endsWith('with a keep-alive agent'));
    const measured = async (
      pid: number | undefined,
      load: Parameters<typeof wrk>[0],
      into: typeof cpu.bff,
    ) => {
      const before = pid === undefined ? 0 : await cpuSeconds(pid);
      const result = await wrk(load);
      into.seconds += pid === undefined ? NaN : (await cpuSeconds(pid)) - before;
      into.requests += result.requestsPerSecond * roundSeconds;
      return result;
    };
    for (let round = 0; bffTarget && peerTarget && round < ratioRounds; round += 1) {
      const [bff, peer] = [
        await measured(bffPid, { ...bffTarget, connections, seconds: roundSeconds }, cpu.bff),
        await measured(
          plainKeepAlive.child.pid,
          { ...peerTarget, connections, seconds: roundSeconds },
          cpu.peer,
        ),
      ];
      log(
        `rest: round ${round + 1}: BFF ${bff.requestsPerSecond} req/s, peer ${peer.requestsPerSecond} req/s`,
      );
      rounds.push({ bff, peer });
    }
  } finally {
    await dispatcher.close();
    for (const proxy of proxies) await proxy.stop();
  }

  const bff = results.get('through the BFF');
  const plainResult = results.get('plain express + http-proxy-middleware');
  const direct = results.get('direct to the emulator');
  const figures: Figure[] = [];
  for (const [name, result] of results) {
    const failed = result.non2xx + result.errors;
    figures.push({
      section: 'REST',
      name: `GET clusters ${name}${name === 'plain express + http-proxy-middleware' ? ' (no keep-alive: a new upstream connection per request)' : ''}, ${connections} connections, ${seconds} s`,
      value: result.requestsPerSecond,
      unit: 'req/s',
      note: `p99 ${result.p99Ms.toFixed(1)} ms${failed > 0 ? `, ${failed} failed` : ''}`,
      comparedWith:
        name === 'direct to the emulator'
          ? `the baseline: no proxy (${answerBytes} B answers)`
          : `direct: ${Math.round(direct?.requestsPerSecond ?? NaN).toLocaleString('en-US')} req/s, p99 ${direct?.p99Ms.toFixed(1)} ms`,
    });
  }
  const reqs = (result: LoadResult) => Math.round(result.requestsPerSecond).toLocaleString('en-US');
  if (bff && plainResult) {
    figures.push(
      againstPeer({
        id: 'rest.bff-vs-plain-proxy',
        section: 'REST',
        name: 'BFF throughput against a plain proxy (no keep-alive: a new upstream connection per request)',
        value: bff.requestsPerSecond,
        unit: 'req/s',
        peer: {
          name: 'express + http-proxy-middleware',
          value: plainResult.requestsPerSecond,
          ratio: { atLeast: 1.5 },
        },
      }),
    );
  }
  const byRatio = rounds
    .map((round) => ({ ...round, ratio: round.bff.requestsPerSecond / round.peer.requestsPerSecond }))
    .sort((a, b) => a.ratio - b.ratio);
  const median = byRatio[Math.floor(byRatio.length / 2)];
  if (median) {
    const { bff, peer } = median;
    const figure = againstPeer({
      id: 'rest.bff-vs-keep-alive-proxy',
      section: 'REST',
      name: 'BFF throughput against a plain proxy with keep-alive (the BFF’s session, allow-list and validation should cost nothing measurable)',
      value: bff.requestsPerSecond,
      unit: 'req/s',
      peer: {
        name: 'express + http-proxy-middleware with a keep-alive agent',
        value: peer.requestsPerSecond,
        ratio: { atLeast: 1 },
      },
      comparedWith: `the median of ${rounds.length} rounds of ${roundSeconds} s, each the BFF then the peer; ratios ${byRatio.map((r) => r.ratio.toFixed(2)).join(', ')}; in that round p99 ${bff.p99Ms.toFixed(1)} ms against ${peer.p99Ms.toFixed(1)} ms, ${reqs(bff)} against ${reqs(peer)} req/s`,
    });
    if (figure.met === false) {
      figure.profile = await profileBff(stack, {
        name: 'rest-bff-cpu',
        title: `BFF CPU profile: GET /api/dws/clusters, ${connections} connections, ${profileSeconds} s (node --cpu-prof)`,
        log,
        load: (url, cookie) =>
          wrk({
            url: `${url}/api/dws/clusters`,
            connections,
            seconds: profileSeconds,
            headers: { Cookie: cookie },
          }).then(() => undefined),
      });
    }
    figures.push(figure);
  }
  const perRequest = (side: typeof cpu.bff) => (side.seconds / Math.max(1, side.requests)) * 1e6;
  if (rounds.length > 0) {
    figures.push({
      id: 'rest.cpu-per-request',
      section: 'REST',
      name: 'CPU time per request through the BFF, over the rounds above',
      value: perRequest(cpu.bff),
      unit: 'µs',
      comparedWith: `express + http-proxy-middleware with a keep-alive agent: ${perRequest(cpu.peer).toFixed(0)} µs (user + system time of each process, which the machine's other load moves far less than throughput)`,
    });
  }
  return figures;
}
