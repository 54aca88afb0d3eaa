import { mkdtemp, readFile } from 'node:fs/promises';
import type { Agent as HttpsAgent } from 'node:https';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePki } from '@dws-console/emulator';
import type { Agent as UndiciAgent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIamClient } from '../auth/iam-client.ts';
import { upstreamDispatcher, upstreamHttpsAgent } from '../http/upstream-trust.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import {
  startRecordingUpstream,
  type RecordedRequest,
  type RecordingUpstream,
} from '../testing/recording-upstream.ts';
import { scriptedInstance } from '../testing/sse-upstream.ts';
import {
  agentSockets,
  csrfJson,
  deadEndpoint,
  dispatcherBusy,
  eventually,
  gauge,
  readEvents,
} from '../testing/probes.ts';

/**
 * Upstreams that fail in every way the console must survive: each failure gives the browser a clear
 * error or a clean end, never a hang, and leaves no connection behind. Covered elsewhere and not
 * repeated here: DWS silent until the timeout (504) and dropping the connection before answering (502)
 * in dws-proxy.test.ts; DBMind dying mid-answer and the browser leaving an asked-and-watched answer in
 * dbmind/dbmind-router.test.ts. Those cases are repeated here only where this file checks for leaks.
 */

const dwsTimeoutMs = 1000;
const clusterId = '7d85f602-a948-4a30-afd4-e84f47471c15';

let dataDir: string;
let harness: Harness;
/** A harness whose DWS and DBMind endpoints have nothing listening, on the same emulator (IAM). */
let unreachable: Harness;
let dws: RecordingUpstream;
let dbmind: RecordingUpstream;
let iam: RecordingUpstream;
let dwsAgent: HttpsAgent;
let iamDispatcher: UndiciAgent;
let cookie: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'bff-faults-'));
  await ensurePki(path.join(dataDir, 'pki'));
  const ca = await readFile(path.join(dataDir, 'pki', 'ca.crt'));
  [dws, dbmind, iam] = await Promise.all([
    startRecordingUpstream(dataDir),
    startRecordingUpstream(dataDir),
    startRecordingUpstream(dataDir),
  ]);
  // The BFF's own kind of agent, held here so the test can see which sockets it keeps.
  dwsAgent = upstreamHttpsAgent({ ca });
  iamDispatcher = upstreamDispatcher({ ca });
  harness = await startHarness(
    { dws: { endpoint: dws.url, agent: dwsAgent, timeoutMs: dwsTimeoutMs } },
    {
      dataDir,
      dbmindEndpoint: dbmind.url,
      dbmindTimeoutMs: dwsTimeoutMs,
      projectInstances: [scriptedInstance],
    },
  );
  const nowhere = await deadEndpoint();
  unreachable = await startHarness(
    {},
    {
      dataDir,
      emulator: harness.emulator,
      dwsEndpoint: nowhere,
      dbmindEndpoint: nowhere,
      projectInstances: [scriptedInstance],
    },
  );
  cookie = await harness.logIn();
});

afterAll(async () => {
  await unreachable?.close();
  await harness?.close();
  dwsAgent?.destroy();
  await iamDispatcher?.close();
  await Promise.all([dws?.close(), dbmind?.close(), iam?.close()]);
});

beforeEach(() => {
  harness.setIam(harness.iam);
  dws.answer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"clusters":[],"count":0}');
  });
});

/** Nothing half-open stays behind: every socket the upstream still holds is an idle one the BFF may reuse. */
async function expectNoLeakedDwsSocket(): Promise<void> {
  await eventually(async () => {
    const { busy, idle } = agentSockets(dwsAgent);
    expect(busy, 'sockets still carrying a request').toBe(0);
    expect(await dws.connections(), 'connections the upstream still holds').toBe(idle);
  });
}

/** The BFF still serves DWS normally afterwards (a poisoned keep-alive socket would show here). */
async function expectDwsStillServed(): Promise<void> {
  dws.answer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"clusters":[],"count":0}');
  });
  for (let i = 0; i < 3; i += 1) {
    const response = await harness.request('/api/dws/clusters', { cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ clusters: [], count: 0 });
  }
}

/** Writes a raw HTTP answer on the upstream's socket, bypassing Node's HTTP framing. */
function raw(res: ServerResponse, bytes: string, then: 'close' | 'hold'): void {
  res.socket?.write(bytes);
  if (then === 'close') res.socket?.destroy();
}

describe('DWS down, slow or answering garbage', () => {
  it('answers 502 with a clear body when nothing listens at the DWS endpoint', async () => {
    const own = await unreachable.logIn();
    const response = await unreachable.request('/api/dws/clusters', { cookie: own });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error_code: 'CONSOLE.0502',
      error_msg: 'DWS cannot be reached.',
    });
    // A state-changing call with a body fails the same way, rather than waiting for a body nobody reads.
    const restart = await unreachable.request(`/api/dws/clusters/${clusterId}/restart`, {
      method: 'POST',
      cookie: own,
      headers: csrfJson,
      body: JSON.stringify({ restart: {} }),
    });
    expect(restart.status).toBe(502);
  });

  it('answers 504 when DWS is slower than the timeout, and closes the upstream request', async () => {
    const pending: ServerResponse[] = [];
    dws.answer((_req, res) => pending.push(res));
    const response = await harness.request('/api/dws/clusters', { cookie });
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error_code: 'CONSOLE.0504' });
    expect(pending).toHaveLength(1);
    await eventually(() => expect(pending[0]!.socket?.destroyed ?? true).toBe(true));
    await expectNoLeakedDwsSocket();
  });

  it('passes a body that is not JSON through unchanged, and ends it cleanly', async () => {
    dws.answer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>gateway says hello</html>');
    });
    const response = await harness.request('/api/dws/clusters', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<html>gateway says hello</html>');
    await expectNoLeakedDwsSocket();
  });

  // Held silent, the proxy's idle timeout ends it: the browser sees a broken answer, not an endless one.
  it.each([
    ['hangs up', 'close'],
    ['goes silent', 'hold'],
  ] as const)(
    'breaks off the browser’s answer when DWS sends less than its Content-Length and %s',
    async (_, after) => {
      dws.answer((_req, res) =>
        raw(
          res,
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"clus',
          after,
        ),
      );
      const response = await harness.request('/api/dws/clusters', { cookie });
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      await expectNoLeakedDwsSocket();
      await expectDwsStillServed();
    },
  );

  it('does not let bytes beyond a short Content-Length poison the next answer on that connection', async () => {
    dws.answer((_req, res) =>
      raw(
        res,
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"smuggled"',
        'hold',
      ),
    );
    // An upstream that sends more than one answer to one request is either cut at its Content-Length or
    // refused as a whole (Node's HTTP client drops such a connection); the extra bytes never become an answer.
    const response = await harness.request('/api/dws/clusters', { cookie });
    const body = await response.text();
    if (response.status === 200) expect(body).toBe('{}');
    else expect([response.status, JSON.parse(body)]).toMatchObject([502, { error_code: 'CONSOLE.0502' }]);
    await expectDwsStillServed();
    await expectNoLeakedDwsSocket();
  });

  /** Answers DWS broke off, as the console logged them. */
  const brokenOff = () =>
    harness.logs.filter((line) => line.includes('DWS stopped answering half-way')).length;

  it('breaks off a chunked answer DWS abandons half-way', async () => {
    const logged = brokenOff();
    dws.answer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"clusters":[');
      setImmediate(() => res.destroy());
    });
    const response = await harness.request('/api/dws/clusters', { cookie });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    await eventually(() => expect(brokenOff()).toBe(logged + 1));
    await expectNoLeakedDwsSocket();
  });

  it('answers 502 when DWS answers something that is not HTTP', async () => {
    for (const bytes of ['SSH-2.0-OpenSSH_9.2\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n{}']) {
      dws.answer((_req, res) => raw(res, bytes, 'close'));
      const response = await harness.request('/api/dws/clusters', { cookie });
      expect(response.status, bytes).toBe(502);
      expect(await response.json()).toMatchObject({ error_code: 'CONSOLE.0502' });
    }
    await expectNoLeakedDwsSocket();
    await expectDwsStillServed();
  });

  it('breaks off a 401 whose body DWS never finishes, without ending the session on a guess', async () => {
    const logged = brokenOff();
    dws.answer((_req, res) =>
      raw(
        res,
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 80\r\n\r\n{"error_code":"DWS.00',
        'close',
      ),
    );
    // Like any answer DWS abandons half-way, the browser's is broken off: nothing half-read passes for an answer.
    await expect(harness.request(`/api/dws/clusters/${clusterId}`, { cookie })).rejects.toThrow();
    expect(brokenOff()).toBe(logged + 1);
    // Whether DWS meant the token, nobody can tell: the session stays.
    expect((await harness.request('/api/session', { cookie })).status).toBe(200);
    await expectNoLeakedDwsSocket();
  });
});

describe('the browser going away', () => {
  it('closes the DWS request when the browser aborts a slow call', async () => {
    const pending: ServerResponse[] = [];
    dws.answer((_req, res) => pending.push(res));
    const controller = new AbortController();
    const call = harness.request('/api/dws/clusters', { cookie, signal: controller.signal });
    await eventually(() => expect(pending).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toThrow();
    // The upstream sees its request closed long before the proxy's own timeout would have done it.
    await eventually(() => expect(pending[0]!.socket?.destroyed ?? true).toBe(true));
    await expectNoLeakedDwsSocket();
  });

  it('closes the DWS request when the browser aborts while the body is being relayed', async () => {
    const pending: ServerResponse[] = [];
    dws.answer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"clusters":[');
      pending.push(res);
    });
    const controller = new AbortController();
    const response = await harness.request('/api/dws/clusters', { cookie, signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
    await eventually(() => expect(pending[0]?.socket?.destroyed ?? true).toBe(true));
    await expectNoLeakedDwsSocket();
  });
});

describe('IAM down, slow or answering garbage during log-in', () => {
  const credentials = { domain: 'demo', username: 'admin', password: 'Admin@12345', project: 'ae-ad-1' };
  const logIn = () =>
    harness.request('/api/session', { method: 'POST', headers: csrfJson, body: JSON.stringify(credentials) });

  it.each([
    ['nothing listens', 'down', 502, 'CONSOLE.0502', 'IAM cannot be reached.'],
    ['IAM never answers', 'silent', 504, 'CONSOLE.0504', 'IAM did not answer in time.'],
    ['IAM answers HTML', 'html', 502, 'CONSOLE.0502', 'IAM answered unexpectedly (HTTP 200).'],
    ['IAM answers 500', 'error', 502, 'CONSOLE.0502', 'IAM answered unexpectedly (HTTP 500).'],
    ['IAM breaks off its answer', 'truncated', 502, 'CONSOLE.0502', 'IAM answered unexpectedly (HTTP 201).'],
  ] as const)('%s: a clear error, no session', async (_title, fault, status, code, message) => {
    const pending: ServerResponse[] = [];
    iam.answer((_req, res) => {
      if (fault === 'silent') pending.push(res);
      else if (fault === 'html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>');
      else if (fault === 'error') res.writeHead(500).end();
      else
        raw(
          res,
          'HTTP/1.1 201 Created\r\nX-Subject-Token: MIIabc\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"token":{',
          'close',
        );
    });
    const endpoint = fault === 'down' ? await deadEndpoint() : iam.url;
    harness.setIam(createIamClient({ endpoint, dispatcher: iamDispatcher, timeoutMs: dwsTimeoutMs }));
    const sessionsBefore = await gauge(harness, 'bff_active_sessions');

    const response = await logIn();
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error_code: code, error_msg: message });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await gauge(harness, 'bff_active_sessions')).toBe(sessionsBefore);
    await eventually(() => expect(dispatcherBusy(iamDispatcher)).toBe(0));
    for (const res of pending) await eventually(() => expect(res.socket?.destroyed ?? true).toBe(true));
  });

  it('does not count IAM being away as a wrong password', async () => {
    harness.setIam(
      createIamClient({ endpoint: await deadEndpoint(), dispatcher: iamDispatcher, timeoutMs: dwsTimeoutMs }),
    );
    for (let i = 0; i < 8; i += 1) expect((await logIn()).status).toBe(502);
    harness.setIam(harness.iam);
    expect((await logIn()).status).toBe(201);
  });
});

/** DBMind misbehaves only for questions: its cluster calls, made before each question is sent, answer as usual. */
function answerQuestions(handler: (req: RecordedRequest, res: ServerResponse) => void): void {
  dbmind.answer((req, res) => {
    if (!req.url.startsWith('/v1/api/clusters')) return handler(req, res);
    const data =
      req.method === 'GET'
        ? { [scriptedInstance]: { cluster_name: 'c', instances: [scriptedInstance], managed: true } }
        : true;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data, success: true }));
  });
}

describe('DBMind down, killed or answering garbage', () => {
  const question = { query: '当前有哪些告警', session_id: 'faults_1', mode: 'tool_interaction' };
  const streamHeaders = { ...csrfJson, Accept: 'text/event-stream' };

  async function expectNoOpenStreams(on: Harness): Promise<void> {
    await eventually(async () => {
      expect(await gauge(on, 'bff_open_streams')).toBe(0);
      expect(await gauge(on, 'bff_running_answers')).toBe(0);
    });
  }

  it('refuses the question plainly when nothing listens at the DBMind endpoint', async () => {
    const own = await unreachable.logIn();
    // The session's cluster is chosen before the question is sent, so the question itself never starts.
    const response = await unreachable.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie: own,
      headers: streamHeaders,
      body: JSON.stringify(question),
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error_code: 'CONSOLE.0502' });
    const llms = await unreachable.request('/api/dbmind/llms', { cookie: own });
    expect(llms.status).toBe(502);
    expect(await llms.json()).toMatchObject({
      error_code: 'CONSOLE.0502',
      error_msg: 'DBMind cannot be reached.',
    });
    await expectNoOpenStreams(unreachable);
  });

  it('ends every watcher’s stream with an error event when DBMind is killed mid-answer', async () => {
    let kill: () => void = () => undefined;
    answerQuestions((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: {"success":true,"data":[{"type":"progress","content":"工具匹配中..."}]}\n\n');
      kill = () => res.socket?.destroy();
    });
    const started = await harness.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie,
      headers: { ...csrfJson, Accept: 'application/json' },
      body: JSON.stringify(question),
    });
    expect(started.status).toBe(202);
    const { events: eventsUrl } = (await started.json()) as { events: string };
    const watchers = await Promise.all([1, 2].map(() => harness.request(eventsUrl, { cookie })));
    await eventually(async () => expect(await gauge(harness, 'bff_open_streams')).toBe(2));
    kill();
    for (const watcher of watchers) {
      const events = await readEvents(watcher);
      expect(events.map((e) => e.event ?? 'message')).toEqual(['message', 'relay-error', 'end']);
      expect(JSON.parse(events[1]!.data)).toMatchObject({ error_code: 'CONSOLE.0502' });
    }
    await expectNoOpenStreams(harness);
    await eventually(async () => expect(await dbmind.connections()).toBe(0));
  });

  it.each([
    ['HTML instead of an event stream', 'html'],
    ['a 500', 'error'],
    ['no headers before the timeout', 'silent'],
    ['an event split by a broken connection', 'split'],
  ] as const)('reports %s as an error event, then ends the stream', async (_title, fault) => {
    const pending: ServerResponse[] = [];
    answerQuestions((_req, res) => {
      if (fault === 'html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>');
      else if (fault === 'error') res.writeHead(500, { 'Content-Type': 'application/json' }).end('{}');
      else if (fault === 'silent') pending.push(res);
      else {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write('data: {"success":true,"da');
        setImmediate(() => res.destroy());
      }
    });
    const response = await harness.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie,
      headers: streamHeaders,
      body: JSON.stringify(question),
    });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(events.map((e) => e.event ?? 'message')).toEqual(['relay-error', 'end']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ error_code: 'CONSOLE.0502' });
    await expectNoOpenStreams(harness);
    for (const res of pending) await eventually(() => expect(res.socket?.destroyed ?? true).toBe(true));
  });

  it('answers 502 or 504 on the JSON routes when DBMind answers garbage or nothing', async () => {
    answerQuestions((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>'));
    const garbage = await harness.request('/api/dbmind/llms', { cookie });
    expect(garbage.status).toBe(502);
    expect(await garbage.json()).toMatchObject({ error_code: 'CONSOLE.0502' });
    const pending: ServerResponse[] = [];
    dbmind.answer((_req, res) => pending.push(res));
    const silent = await harness.request('/api/dbmind/clusters', { cookie });
    expect(silent.status).toBe(504);
    expect(await silent.json()).toMatchObject({ error_code: 'CONSOLE.0504' });
    await eventually(() => expect(pending[0]?.socket?.destroyed ?? true).toBe(true));
  });

  it('lets a watcher leave without stopping the answer, and forgets the watcher', async () => {
    let finish: () => void = () => undefined;
    answerQuestions((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: {"success":true,"data":[{"type":"progress","content":"工具匹配中..."}]}\n\n');
      finish = () => res.end('data: {"success":true,"data":[{"type":"progress","content":"DONE"}]}\n\n');
    });
    const started = await harness.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie,
      headers: { ...csrfJson, Accept: 'application/json' },
      body: JSON.stringify(question),
    });
    const { events: eventsUrl } = (await started.json()) as { events: string };
    const controller = new AbortController();
    const watcher = await harness.request(eventsUrl, { cookie, signal: controller.signal });
    expect(watcher.status).toBe(200);
    await eventually(async () => expect(await gauge(harness, 'bff_open_streams')).toBe(1));
    controller.abort();
    await eventually(async () => expect(await gauge(harness, 'bff_open_streams')).toBe(0));
    expect(await gauge(harness, 'bff_running_answers')).toBe(1);
    finish();
    const rest = await readEvents(await harness.request(eventsUrl, { cookie }));
    expect(rest.map((e) => e.event ?? 'message')).toEqual(['message', 'message', 'end']);
    await expectNoOpenStreams(harness);
  });
});

describe('afterwards', () => {
  it('the console still answers', async () => {
    expect((await harness.request('/healthz')).status).toBe(200);
    expect((await harness.request('/api/session', { cookie })).status).toBe(200);
  });
});
