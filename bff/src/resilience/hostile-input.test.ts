import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { conversationLimits } from '@dws-console/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventReader } from '../testing/event-reader.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';
import {
  progress,
  scriptedInstance,
  startScriptedUpstream,
  type ScriptedUpstream,
} from '../testing/sse-upstream.ts';

/**
 * A read-only user of one project attacking a running console (the second round of hostile input): memory
 * through stored conversations, deep nesting, text that is not text, path spellings, and slow clients.
 * Two users, so a budget one of them spends is seen not to be the other's.
 */

let harness: Harness;
let upstream: ScriptedUpstream;
const cookies = { viewer: '', admin: '' };

/** A console whose clients must send a request within a second or two, in front of a scripted DBMind. */
const impatient = { headersMs: 1_000, requestMs: 2_000, checkEveryMs: 250 };

beforeAll(async () => {
  harness = await startHarness({}, { requestTimeouts: impatient });
  upstream = await startScriptedUpstream(harness.dataDir);
  cookies.viewer = await harness.logIn('viewer', 'Viewer@12345');
  cookies.admin = await harness.logIn();
}, 120_000);

afterAll(async () => {
  await upstream?.close();
  await harness?.close();
});

const conversations = (cookie: string, suffix = '', method = 'GET', body?: unknown) =>
  harness.request(`/api/dbmind/conversations${suffix}`, {
    method,
    cookie,
    headers: csrfJson,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function newConversation(cookie: string, title = 'budget'): Promise<string> {
  const created = await conversations(cookie, '', 'POST', { title });
  expect(created.status, await created.clone().text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

const turnWith = (elements: unknown[]) => ({
  question: '当前有哪些数据库？',
  mode: 'tool_interaction',
  answer: { status: 'done', last_event_id: 1, progress: [], elements },
});

/** About `bytes` of answer text in ordinary elements. */
const textTurn = (bytes: number) =>
  turnWith(
    Array.from({ length: Math.ceil(bytes / 10_000) }, () => ({ type: 'str', content: 'x'.repeat(10_000) })),
  );

async function expectRefusal(
  response: Response | Awaited<ReturnType<Harness['request']>>,
  status: number,
  message: RegExp,
) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect((JSON.parse(text) as { error_msg: string }).error_msg).toMatch(message);
}

/** The heap after a full collection: what the process really holds. */
function heldHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/**
 * Writes `head` on a TLS connection to `target`, then `more` a byte at a time, a tenth of a second apart, never
 * all of it and never as much as `head` announces (the request is never complete), and returns what the console
 * answers until it hangs up.
 */
async function trickle(target: Harness, head: string, more: string): Promise<string> {
  const ca = await readFile(path.join(target.dataDir, 'pki', 'ca.crt'));
  const port = Number(new URL(target.url).port);
  return new Promise((resolve, reject) => {
    let answer = '';
    let sent = 0;
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      socket.write(head);
      const drip = setInterval(() => {
        if (socket.destroyed || socket.writableEnded || sent >= more.length - 1) return;
        socket.write(more[sent]!);
        sent += 1;
      }, 100);
      socket.once('close', () => clearInterval(drip));
    });
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(answer) : reject(error),
    );
  });
}

describe('hostile input, second round', () => {
  it('keeps the memory of stored turns within their byte budget, many empty objects included', async () => {
    // The amplification found by hand: turns of one element holding many empty objects, as many as allowed.
    const manyEmpty = turnWith([{ type: 'x', items: Array.from({ length: 160_000 }, () => ({})) }]);
    const first = await newConversation(cookies.viewer, 'amplification');
    await expectRefusal(
      await conversations(cookies.viewer, `/${first}/turns`, 'POST', manyEmpty),
      400,
      /answer: must hold at most 50000 values/,
    );

    const before = heldHeap();
    const allowedEmpty = turnWith([
      { type: 'x', items: Array.from({ length: conversationLimits.answerValues - 20 }, () => ({})) },
    ]);
    let stored = 0;
    let refused: Awaited<ReturnType<Harness['request']>> | undefined;
    for (let conversation = 0; !refused; conversation += 1) {
      const id = await newConversation(cookies.viewer, `amplification ${conversation}`);
      for (let turn = 0; turn < conversationLimits.turns && !refused; turn += 1) {
        const response = await conversations(cookies.viewer, `/${id}/turns`, 'POST', allowedEmpty);
        if (response.status === 201) stored += JSON.stringify(allowedEmpty).length;
        else if (response.status === 413) break;
        else refused = response;
      }
    }
    await expectRefusal(refused, 429, /Your conversations keep at most 8 MiB/);
    expect(stored).toBeGreaterThan(conversationLimits.userBytes / 2);
    // Kept as text, a stored byte costs at most a few bytes of heap (parsed, it cost some twenty).
    const grown = heldHeap() - before;
    expect(grown).toBeLessThan(3 * conversationLimits.userBytes);

    // The budget is the viewer's alone: another user still keeps a conversation.
    const other = await newConversation(cookies.admin, 'unaffected');
    expect((await conversations(cookies.admin, `/${other}/turns`, 'POST', textTurn(1_000))).status).toBe(201);
  }, 240_000);

  it("refuses a turn past its conversation's budget with 413, and says what to do", async () => {
    const id = await newConversation(cookies.admin, 'large answers');
    let response = await conversations(cookies.admin, `/${id}/turns`, 'POST', textTurn(480_000));
    while (response.status === 201) {
      response = await conversations(cookies.admin, `/${id}/turns`, 'POST', textTurn(480_000));
    }
    await expectRefusal(response, 413, /a conversation keeps at most 2 MiB .*start a new conversation/);
    const tooLarge = await conversations(cookies.admin, `/${id}/turns`, 'POST', textTurn(600_000));
    await expectRefusal(tooLarge, 413, /The request body is too large \(at most 524288 bytes here\)/);
  }, 120_000);

  it('refuses nesting past its bound, in a stored answer and in any body, without a stack overflow', async () => {
    const id = await newConversation(cookies.admin, 'deep');
    let deep: unknown = { type: 'str', content: 'bottom' };
    for (let i = 0; i < 800; i += 1) deep = { type: 'sort', name: 'n', content: [deep] };
    await expectRefusal(
      await conversations(cookies.admin, `/${id}/turns`, 'POST', turnWith([deep])),
      400,
      /\(body\): must nest at most 32 levels deep/,
    );
    let shallower: unknown = { type: 'str', content: 'bottom' };
    for (let i = 0; i < 8; i += 1) shallower = { type: 'sort', name: 'n', content: [shallower] };
    await expectRefusal(
      await conversations(cookies.admin, `/${id}/turns`, 'POST', turnWith([shallower])),
      400,
      /answer: must nest at most 16 levels deep/,
    );
    let nested: unknown = 'bottom';
    for (let i = 0; i < 40; i += 1) nested = [nested];
    await expectRefusal(
      await harness.request('/api/session', {
        method: 'POST',
        headers: csrfJson,
        body: JSON.stringify({ domain: 'demo', username: nested, password: 'x', project: 'ae-ad-1' }),
      }),
      400,
      /must nest at most 32 levels deep/,
    );
    expect(harness.logs.filter((line) => line.includes('Maximum call stack'))).toEqual([]);
  });

  it('refuses titles and descriptions that are not plain text, and a path that is not UTF-8, naming them', async () => {
    for (const title of ['\ud800', 'a\udfffb', 'tab\there', '\u202ereversed', 'nul\u0000']) {
      await expectRefusal(
        await conversations(cookies.admin, '', 'POST', { title }),
        400,
        /title: must not contain control characters, bidirectional overrides or unpaired surrogates/,
      );
    }
    expect((await conversations(cookies.admin, '', 'POST', { title: '告警 😀 plans' })).status).toBe(201);
    const snapshot = await harness.request('/api/dws/snapshots', {
      method: 'POST',
      cookie: cookies.admin,
      headers: csrfJson,
      body: JSON.stringify({
        snapshot: {
          name: 'snap-1',
          cluster_id: '7d85f602-a948-4a30-afd4-e84f47471c15',
          description: '\u202e\u0000desc',
        },
      }),
    });
    await expectRefusal(snapshot, 400, /description: .*no control characters/);
    for (const spelling of [
      '/api/dbmind/conversations/%E0%A4%A',
      '/api/dws/clusters/%ff',
      '/assets/%c0%af.js',
    ]) {
      await expectRefusal(
        await harness.request(spelling, { cookie: cookies.admin }),
        400,
        new RegExp(
          `path: ${spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid percent-encoded UTF-8`,
        ),
      );
    }
  });

  it('cuts off a body trickled a byte at a time with a 408, and never a long event stream', async () => {
    const trickled = await trickle(
      harness,
      'POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'X-Requested-With: XMLHttpRequest\r\nContent-Length: 200\r\n\r\n',
      '{"domain":"demo","username":"viewer","password":"Viewer@12345","project":"ae-ad-1"}',
    );
    expect(trickled).toMatch(/^HTTP\/1\.1 408 /);
    expect(trickled).toContain('The request took too long to arrive.');
    const slowHeaders = await trickle(
      harness,
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\n',
      'X-Slow: 1\r\n'.repeat(1_000),
    );
    expect(slowHeaders).toMatch(/^HTTP\/1\.1 408 /);
  }, 60_000);
});

describe('/metrics', () => {
  it('answers a scraper on this machine, never a request a proxy relays, whatever the path spelling', async () => {
    expect((await harness.request('/metrics')).status).toBe(200);
    for (const header of [{ 'X-Forwarded-For': '127.0.0.1' }, { Forwarded: 'for=127.0.0.1' }]) {
      for (const spelling of ['/metrics', '/METRICS', '/metrics/']) {
        const relayed = await harness.request(spelling, { headers: header });
        expect(relayed.status, `${spelling} ${JSON.stringify(header)}`).toBe(404);
        expect(await relayed.text()).not.toContain('bff_http_requests_total');
      }
    }
  });

  it('answers only the bearer of its token when one is configured, from anywhere', async () => {
    const token = 'scrape-token-0123456789abcdef0123456789';
    const guarded = await startHarness(
      { metricsToken: token },
      { emulator: harness.emulator, dataDir: harness.dataDir },
    );
    try {
      expect((await guarded.request('/metrics')).status).toBe(404);
      for (const wrong of [`Bearer ${token}x`, token, `Basic ${token}`, 'Bearer ']) {
        expect((await guarded.request('/metrics', { headers: { Authorization: wrong } })).status).toBe(404);
      }
      const scraped = await guarded.request('/metrics', { headers: { Authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('bff_http_requests_total');
    } finally {
      await guarded.close();
    }
  });
});

describe('an event stream', () => {
  let relay: Harness;
  beforeAll(async () => {
    relay = await startHarness(
      {},
      {
        emulator: harness.emulator,
        dataDir: harness.dataDir,
        dbmindEndpoint: upstream.url,
        projectInstances: [scriptedInstance],
        requestTimeouts: impatient,
      },
    );
  });
  afterAll(async () => {
    await relay?.close();
  });

  it('stays whole past the time a request may take to arrive', async () => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    upstream.onRequest(async (call) => {
      call.send(progress('工具匹配中...'));
      await finished;
      call.send(progress('DONE'));
      call.res.end();
    });
    const cookie = await relay.logIn();
    const response = await relay.request('/api/dbmind/intelligent-interaction', {
      method: 'POST',
      cookie,
      headers: { ...csrfJson, Accept: 'text/event-stream' },
      body: JSON.stringify({ query: '当前有哪些告警', session_id: 'slow_1', mode: 'tool_interaction' }),
    });
    expect(response.status).toBe(200);
    const events = eventReader(response);
    expect(JSON.stringify(await events.next())).toContain('工具匹配中');
    // A body trickled to this console meanwhile is cut off: the stream has lived past the request timeout.
    const trickledMeanwhile = await trickle(
      relay,
      'POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'X-Requested-With: XMLHttpRequest\r\nContent-Length: 200\r\n\r\n',
      '{"domain":"demo","username":"viewer","password":"Viewer@12345","project":"ae-ad-1"}',
    );
    expect(trickledMeanwhile).toMatch(/^HTTP\/1\.1 408 /);
    finish();
    const rest = [];
    for (let event = await events.next(); event; event = await events.next()) rest.push(event);
    expect(JSON.stringify(rest)).toContain('DONE');
  }, 60_000);
});
