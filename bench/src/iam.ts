import { readFile } from 'node:fs/promises';
import { Agent, fetch } from 'undici';
import { startCountingProxy } from './counting-proxy.ts';
import type { Figure } from './results.ts';
import { logInThrough, startBff, type BenchStack } from './stack.ts';

const apiCalls = 1000;
const workers = 10;

/** The calls a console user makes while looking around, in the proportions the pages make them. */
function consoleCalls(clusterIds: string[], snapshotIds: string[]): string[] {
  const round = [
    '/api/session',
    '/api/dws/clusters',
    '/api/dws/clusters',
    '/api/dws/snapshots',
    '/api/dws/node-types',
    '/api/dbmind/clusters',
    '/api/dbmind/llms',
  ];
  const details = [
    ...clusterIds.map((id) => `/api/dws/clusters/${id}`),
    ...snapshotIds.map((id) => `/api/dws/snapshots/${id}`),
  ];
  const calls: string[] = [];
  for (let i = 0; calls.length < apiCalls; i += 1) {
    calls.push(round[i % round.length]!);
    if (details.length > 0 && calls.length < apiCalls) calls.push(details[i % details.length]!);
  }
  return calls;
}

/**
 * 5. IAM calls per 1,000 console API calls: a BFF of its own whose IAM endpoint is a counting pass-through,
 * one log-in, then 1,000 API calls on that session. The target is one IAM call, for the log-in.
 */
export async function benchIam(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const [ca, cert, key] = await Promise.all([
    readFile(stack.pki.ca),
    readFile(stack.pki.serverCert),
    readFile(stack.pki.serverKey),
  ]);
  const iam = await startCountingProxy({ upstream: stack.cloudUrl, cert, key, ca });
  const dispatcher = new Agent({ connect: { ca } });
  let bff;
  try {
    bff = await startBff({
      dataDir: stack.dataDir,
      pki: stack.pki,
      port: stack.ports.iamBff,
      cloudUrl: stack.cloudUrl,
      iamUrl: iam.url,
      dbmindUrl: stack.dbmindUrl,
      log,
      name: 'bff-iam',
    });
    const bffUrl = `https://127.0.0.1:${stack.ports.iamBff}`;
    const before = new Map(iam.counts);
    const cookie = await logInThrough(bffUrl, ca);
    const tokenCalls = () => iam.counts.get('POST /v3/auth/tokens') ?? 0;
    const afterLogIn = tokenCalls() - (before.get('POST /v3/auth/tokens') ?? 0);

    const get = async (path: string) => {
      const response = await fetch(`${bffUrl}${path}`, { headers: { Cookie: cookie }, dispatcher });
      const body = await response.text();
      return { status: response.status, body };
    };
    // The ids come from the same session's first calls, which count among the thousand.
    const clusters = await get('/api/dws/clusters');
    const snapshots = await get('/api/dws/snapshots');
    const idsOf = (body: string, field: 'clusters' | 'snapshots') =>
      ((JSON.parse(body) as Record<string, { id: string }[] | undefined>)[field] ?? [])
        .slice(0, 3)
        .map((item) => item.id);
    const calls = consoleCalls(idsOf(clusters.body, 'clusters'), idsOf(snapshots.body, 'snapshots')).slice(2);
    const statuses = [clusters.status, snapshots.status];
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < calls.length) {
          const path = calls[next++]!;
          statuses.push((await get(path)).status);
        }
      }),
    );
    const ok = statuses.filter((status) => status >= 200 && status < 300).length;
    const total = tokenCalls() - (before.get('POST /v3/auth/tokens') ?? 0);
    const duringCalls = total - afterLogIn;
    const other = [...iam.counts]
      .filter(([route]) => route !== 'POST /v3/auth/tokens')
      .map(([route, n]) => `${route} ×${n}`);
    log(
      `iam: ${afterLogIn} token request(s) for the log-in, ${duringCalls} during ${statuses.length} API calls (${ok} answered 2xx)${other.length ? `; other IAM requests: ${other.join(', ')}` : ''}`,
    );
    if (ok !== statuses.length) throw new Error(`iam: ${statuses.length - ok} console API calls failed`);
    return [
      {
        section: 'IAM',
        name: `IAM token requests for one log-in followed by ${statuses.length.toLocaleString('en-US')} console API calls`,
        value: total,
        unit: total === 1 ? 'request' : 'requests',
        note: `log-in ${afterLogIn}, API calls ${duringCalls}`,
        comparedWith: `${statuses.length.toLocaleString('en-US')} calls (sessions, clusters, details, snapshots, node types, DBMind), all 2xx`,
        target: '1 (one per log-in)',
        met: total === 1,
      },
    ];
  } finally {
    await dispatcher.close();
    await bff?.stop();
    await iam.close();
  }
}
