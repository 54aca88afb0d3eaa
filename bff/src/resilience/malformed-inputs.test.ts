import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from 'node:tls';
import { apiErrorBodySchema, exampleClusterRequest } from '@dws-console/shared';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedPath } from '../http/request-path.ts';
import { createCluster, registerCluster } from '../testing/clusters.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import {
  malformedRequests,
  type MalformedRequest,
  type RouteUnderTest,
} from '../testing/malformed-inputs.ts';
import { csrfJson, readEvents } from '../testing/probes.ts';
import { acceptedBodies } from '../testing/request-oracle.ts';

/**
 * Every route of the console, 1,000 generated malformed requests each, against the real emulator:
 * never a 5xx, never a crash, and every refusal a 4xx whose body says what was wrong. The cases come
 * from a seed (RESILIENCE_SEED) so a failure reproduces; valid-looking ones that pass validation reach
 * the emulator, as a viewer where they would change something (it answers 403).
 */

const casesPerRoute = Number(process.env.RESILIENCE_CASES ?? 1000);
const seed = Number(process.env.RESILIENCE_SEED ?? 20_261_127);
const concurrency = 8;

const uuid = '7d85f602-a948-4a30-afd4-e84f47471c15';
const validCluster = exampleClusterRequest('fuzz-cluster', 'Password!123');

type Who = 'admin' | 'viewer' | 'nobody';
interface Route extends RouteUnderTest {
  who: Who;
}

/** The seed's rules for a route's body (`request-oracle.ts`), never the schema the console validates with. */
function oracle(method: string, path: string): Route['accepts'] {
  const accepts = acceptedBodies[`${method} ${path}`];
  if (!accepts) throw new Error(`no rules written down for ${method} ${path}`);
  return accepts;
}

const dws = (method: Route['method'], route: string, body?: unknown): Route => ({
  method,
  path: `/api/dws${route}`,
  ...(route.includes('{id}') ? { id: uuid } : {}),
  ...(body === undefined ? {} : { body, accepts: oracle(method, `/api/dws${route}`) }),
  // A viewer may read but change nothing: a body that passes validation reaches DWS and is refused there.
  who: method === 'GET' ? 'admin' : 'viewer',
  sendValidBodies: true,
  needsSession: true,
  refusesStrayBody: true,
});

const dbmind = (
  method: Route['method'],
  route: string,
  body?: unknown,
  extra: Partial<Route> = {},
): Route => ({
  method,
  path: `/api/dbmind${route}`,
  ...(body === undefined ? {} : { body, accepts: oracle(method, `/api/dbmind${route}`) }),
  who: 'admin',
  // DBMind acts on what it is sent (asks a question, registers a database): only malformed bodies go.
  sendValidBodies: false,
  needsSession: true,
  refusesStrayBody: false,
  ...extra,
});

const answerIds: string[] = [];

const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/session',
    // A wrong password: a body that passes validation is refused by IAM (401), then by the limiter (429).
    body: { domain: 'demo', username: 'fuzz', password: 'not-the-password', project: 'ae-ad-1' },
    accepts: oracle('POST', '/api/session'),
    who: 'nobody',
    sendValidBodies: true,
    needsSession: false,
    refusesStrayBody: false,
  },
  {
    method: 'GET',
    path: '/api/session',
    who: 'admin',
    sendValidBodies: true,
    needsSession: true,
    refusesStrayBody: false,
  },
  {
    // Logging out is idempotent: without a session it still answers 204, so only CSRF breaches are refused.
    method: 'DELETE',
    path: '/api/session',
    who: 'nobody',
    sendValidBodies: true,
    needsSession: false,
    refusesStrayBody: false,
  },
  dws('GET', '/clusters'),
  dws('POST', '/clusters', validCluster),
  dws('GET', '/clusters/{id}'),
  dws('DELETE', '/clusters/{id}', { keep_last_manual_snapshot: 1 }),
  dws('POST', '/clusters/{id}/restart', { restart: {} }),
  dws('POST', '/clusters/{id}/resize', { scale_out: { count: 3 } }),
  dws('POST', '/clusters/{id}/reset-password', { new_password: 'NewPassword!42' }),
  dws('GET', '/snapshots'),
  dws('POST', '/snapshots', { snapshot: { name: 'snap-1', cluster_id: uuid, description: 'nightly' } }),
  dws('GET', '/snapshots/{id}'),
  dws('DELETE', '/snapshots/{id}'),
  dws('POST', '/snapshots/{id}/actions', { restore: { name: 'restored-1' } }),
  dws('GET', '/node-types'),
  dbmind(
    'POST',
    '/intelligent-interaction',
    { query: '当前有哪些告警', session_id: 'fuzz_1', mode: 'tool_interaction', history_len: 1 },
    { headers: { Accept: 'application/json' } },
  ),
  dbmind('GET', '/answers/{id}/events', undefined, {
    headers: { 'Last-Event-ID': '0' },
    validatedHeaders: {
      'Last-Event-ID': ['-1', 'abc', '1.5', '99999999999999999999', 'NaN', 'Infinity', '\u00d9\u00a1', '--1'],
    },
  }),
  dbmind('DELETE', '/answers/{id}'),
  dbmind('GET', '/llms'),
  dbmind('PUT', '/llms', { name: 'local-router', session_id: 'fuzz_1' }),
  dbmind('GET', '/clusters'),
  dbmind('PUT', '/clusters', { instance: '127.0.0.1:5432', session_id: 'fuzz_1' }),
  dbmind('POST', '/clusters/register', {
    cluster_name: 'fuzz',
    host: '127.0.0.1',
    port: 1,
    username: 'fuzz',
    password: 'fuzz-password',
  }),
  {
    method: 'GET',
    path: '/healthz',
    who: 'nobody',
    sendValidBodies: true,
    needsSession: false,
    refusesStrayBody: false,
  },
  {
    method: 'GET',
    path: '/readyz',
    who: 'nobody',
    sendValidBodies: true,
    needsSession: false,
    refusesStrayBody: false,
  },
];

/** Methods a path does not serve (HEAD and OPTIONS are answered by Express for every GET route). */
function otherMethods(route: Route): string[] {
  const served = new Set<string>(routes.filter((r) => r.path === route.path).map((r) => r.method));
  return ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter((method) => !served.has(method));
}

let harness: Harness;
let pool: Pool;
const cookies: Record<Who, string> = { admin: '', viewer: '', nobody: '' };

beforeAll(async () => {
  harness = await startHarness(
    {},
    { emulatorEnv: { EMULATOR_SPEED: '100', EMULATOR_PG_FSYNC: 'off', EMULATOR_DBMIND_DEMO_DATA: 'off' } },
  );
  pool = new Pool(harness.url, {
    connect: { ca: await readFile(path.join(harness.dataDir, 'pki', 'ca.crt')) },
    connections: concurrency,
    // A request the console never answers shows up as a problem of its own instead of a stuck test.
    headersTimeout: 20_000,
    bodyTimeout: 20_000,
  });
  cookies.admin = await harness.logIn();
  cookies.viewer = await harness.logIn('viewer', 'Viewer@12345');
  // The assistant answers only about a registered cluster of the project.
  const cluster = await createCluster(harness, cookies.admin, 'fuzz-cluster');
  expect((await registerCluster(harness, cookies.admin, cluster, 'fuzz-cluster')).status).toBe(200);
  // Two finished answers of the emulator's DBMind: one to read again, one to stop.
  for (let i = 0; i < 2; i += 1) {
    const asked = await harness.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie: cookies.admin,
      headers: { ...csrfJson, Accept: 'application/json' },
      body: JSON.stringify({ query: '当前有哪些告警', session_id: `fuzz_${i}`, mode: 'tool_interaction' }),
    });
    expect(asked.status).toBe(202);
    const { answer_id: id, events } = (await asked.json()) as { answer_id: string; events: string };
    await readEvents(await harness.request(events, { cookie: cookies.admin }));
    answerIds.push(id);
  }
  for (const route of routes) {
    if (route.path === '/api/dbmind/answers/{id}/events') route.id = answerIds[0];
    if (route.path === '/api/dbmind/answers/{id}') route.id = answerIds[1];
  }
});

afterAll(async () => {
  await pool?.close();
  await harness?.close();
});

interface Outcome {
  request: MalformedRequest;
  index: number;
  status: number;
  text: string;
}

async function send(request: MalformedRequest, index: number): Promise<Outcome> {
  try {
    const response = await pool.request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      ...(request.body ? { body: request.body } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.body.text();
    return { request, index, status: response.statusCode, text };
  } catch (error) {
    return { request, index, status: 0, text: `no answer: ${(error as Error).message}` };
  }
}

/** What is wrong with an answer, or undefined when it is what the console promises. */
function problemWith({ request, status, text }: Outcome): string | undefined {
  if (status === 0) return 'no answer';
  if (status >= 500) return `answered ${status}`;
  if (request.mustRefuse && status < 400) return `accepted with ${status}`;
  if (request.refusedByConsole && ![400, 413, 415].includes(status))
    return `passed the console's validation, then ${status}`;
  if (status < 400) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} without a JSON error body`;
  }
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.error_msg.trim().length === 0)
    return `${status} without error_code and error_msg`;
  // A path that does not decode is what is wrong with it, whatever else is (the body, the route).
  const rawPath = request.path.split('?')[0] ?? '';
  if (
    servedPath(rawPath) === undefined &&
    !parsed.data.error_msg.startsWith(`path: ${rawPath.slice(0, 200)}`)
  )
    return `${status} for a path that is not UTF-8, without naming the path`;
  return undefined;
}

function describeCase({ request, index, status, text }: Outcome, problem: string): string {
  const body = request.body ? ` body ${JSON.stringify(request.body.toString('utf8').slice(0, 120))}` : '';
  return `#${index} ${request.kind}: ${request.method} ${request.path.slice(0, 120)}${body} -> ${problem}: ${text.slice(0, 200)} (${status})`;
}

describe('malformed input', () => {
  routes.forEach((route, routeIndex) => {
    it(
      `${route.method} ${route.path}: ${casesPerRoute} malformed requests, each a clear 4xx or harmless`,
      { timeout: 180_000 },
      async () => {
        const base: Record<string, string> = {};
        if (route.who !== 'nobody') base.Cookie = cookies[route.who];
        if (route.method !== 'GET') Object.assign(base, csrfJson);
        const routeSeed = seed + routeIndex;
        const cases = malformedRequests(route, base, routeSeed, casesPerRoute, otherMethods(route));
        const outcomes: Outcome[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < cases.length) {
              const index = next++;
              outcomes.push(await send(cases[index]!, index));
            }
          }),
        );
        const problems = outcomes
          .map((outcome) => [outcome, problemWith(outcome)] as const)
          .filter(([, problem]) => problem !== undefined)
          .sort(([a], [b]) => a.index - b.index)
          .map(([outcome, problem]) => describeCase(outcome, problem!));
        expect(problems.slice(0, 15), `seed ${routeSeed}: ${problems.length} problems`).toEqual([]);
        // Where the route reads a body or an id, most cases break it: they must mostly be refused.
        if (route.body !== undefined || route.id !== undefined) {
          const refused = outcomes.filter((o) => o.status >= 400).length;
          expect(refused).toBeGreaterThan(casesPerRoute / 2);
        }
        expect((await harness.request('/healthz')).status).toBe(200);
      },
    );
  });

  /** Writes raw bytes on a TLS connection to the console and returns all it answers until it closes. */
  async function rawExchange(bytes: string, then: 'end' | 'wait' = 'wait'): Promise<string> {
    const ca = await readFile(path.join(harness.dataDir, 'pki', 'ca.crt'));
    const port = Number(new URL(harness.url).port);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
        socket.write(bytes);
        if (then === 'end') socket.end();
      });
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers requests HTTP itself refuses with a 4xx and the console’s error body', async () => {
    const ambiguous = await rawExchange(
      'POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(ambiguous).toMatch(/^HTTP\/1\.1 400 /);
    expect(ambiguous).toContain('"error_code":"CONSOLE.0400"');
    const huge = await rawExchange(
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"error_code":"CONSOLE.0400"');
    const garbage = await rawExchange('\u0000\u0001 not http at all\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('survives a body shorter than its Content-Length from a browser that hangs up', async () => {
    const answer = await rawExchange(
      `POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Requested-With: XMLHttpRequest\r\nContent-Length: 100\r\n\r\n{"domain":`,
      'end',
    );
    // Nobody is left to read an answer; what matters is that the console carries on.
    expect(answer === '' || /^HTTP\/1\.1 4\d\d /.test(answer)).toBe(true);
    expect((await harness.request('/healthz')).status).toBe(200);
  });

  it('leaves the console answering and logs no unexpected error', async () => {
    expect((await harness.request('/healthz')).status).toBe(200);
    expect((await harness.request('/api/session', { cookie: cookies.admin })).status).toBe(200);
    const unexpected = harness.logs.filter((line) => line.includes('"unexpected error"'));
    expect(unexpected.slice(0, 5)).toEqual([]);
  });
});
