import path from 'node:path';
import { Agent, fetch } from 'undici';
import { hasNginx, startNginx } from './nginx.ts';
import type { Figure } from './results.ts';
import type { BenchStack } from './stack.ts';
import { startTs, waitForHttps } from './processes.ts';
import { wrk, type LoadResult } from './wrk.ts';

const connections = 50;
const seconds = 10;

/** 1. GET clusters at 50 connections for 10 s: direct, through the BFF, a plain proxy, and nginx. */
export async function benchRest(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const { token, projectId } = stack;
  const upstreamPath = `/v1.0/${projectId}/clusters`;
  const plain = startTs(
    'plain-proxy',
    'bench/src/plain-proxy.ts',
    {
      ...process.env,
      PLAIN_PROXY_TARGET: stack.cloudUrl,
      PLAIN_PROXY_PORT: String(stack.ports.plainProxy),
      PLAIN_PROXY_CERT: stack.pki.serverCert,
      PLAIN_PROXY_KEY: stack.pki.serverKey,
      PLAIN_PROXY_CA: stack.pki.ca,
    },
    log,
  );
  await waitForHttps(`https://127.0.0.1:${stack.ports.plainProxy}/`, plain.child);
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
  if (nginx) await waitForHttps(`https://127.0.0.1:${stack.ports.nginx}/`, nginx.child);

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
    ...(nginx
      ? [
          {
            name: 'nginx 1.22 (keep-alive upstream)',
            url: `https://127.0.0.1:${stack.ports.nginx}${upstreamPath}`,
            headers: { 'X-Auth-Token': token },
          },
        ]
      : []),
  ];

  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const results = new Map<string, LoadResult>();
  try {
    for (const target of targets) {
      const probe = await fetch(target.url, { headers: target.headers, dispatcher });
      const size = (await probe.arrayBuffer()).byteLength;
      if (probe.status !== 200) throw new Error(`${target.name}: HTTP ${probe.status}`);
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
  } finally {
    await dispatcher.close();
    await plain.stop();
    await nginx?.stop();
  }

  const bff = results.get('through the BFF');
  const plainResult = results.get('plain express + http-proxy-middleware');
  const figures: Figure[] = [];
  for (const [name, result] of results) {
    figures.push({
      section: 'REST',
      name: `GET clusters ${name}, ${connections} connections, ${seconds} s`,
      value: result.requestsPerSecond,
      unit: 'req/s',
      note: `p99 ${result.p99Ms.toFixed(1)} ms${result.non2xx + result.errors > 0 ? `, ${result.non2xx + result.errors} failed` : ''}`,
    });
  }
  if (bff && plainResult) {
    const ratio = bff.requestsPerSecond / plainResult.requestsPerSecond;
    figures.push({
      section: 'REST',
      name: 'BFF throughput / plain proxy throughput',
      value: ratio,
      unit: '×',
      comparedWith: 'plain express + http-proxy-middleware',
      target: '≥ 1.5×',
      met: ratio >= 1.5,
    });
  }
  return figures;
}
