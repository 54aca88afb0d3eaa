import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { watchEvents } from '../testing/browser-event-source.ts';
import { eventReader } from '../testing/event-reader.ts';
import type { Harness } from '../testing/harness.ts';
import { startScriptedConsole, type ScriptedConsole } from '../testing/scripted-console.ts';
import { tlsRecordCounter } from '../testing/tls-record-counter.ts';
import { progress, type ScriptedCall, type ScriptedUpstream } from '../testing/sse-upstream.ts';

let scripted: ScriptedConsole;
let harness: Harness;
let upstream: ScriptedUpstream;
let cookie: string;
let dataDir: string;

beforeAll(async () => {
  scripted = await startScriptedConsole();
  ({ harness, upstream, dataDir } = scripted);
  cookie = await harness.logIn();
});

afterAll(async () => {
  await scripted?.close();
});

const question = {
  query: '当前有哪些告警',
  session_id: 'session_1',
  mode: 'tool_interaction',
  history_len: 1,
};
const browserHeaders = {
  'Content-Type': 'application/json',
  'X-Requested-With': 'XMLHttpRequest',
  Accept: 'text/event-stream',
  'Accept-Encoding': 'gzip, deflate, br, zstd',
};

function ask(
  body: unknown = question,
  headers: Record<string, string> = browserHeaders,
  signal?: AbortSignal,
) {
  return harness.request('/api/dbmind/intelligent-interaction', {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    cookie,
    signal,
  });
}

describe('the DBMind relay', () => {
  it('forwards each event as soon as it arrives, uncompressed, even when the browser accepts gzip', async () => {
    const released: (() => void)[] = [];
    upstream.onRequest(async (call) => {
      for (const step of ['工具匹配中...', '工具调用中...', 'DONE']) {
        call.send(progress(step));
        // The next event waits until the test has seen this one: buffering anywhere would deadlock.
        await new Promise<void>((resolve) => released.push(resolve));
      }
      call.res.end();
    });
    const before = upstream.requests.length;
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-encoding')).toBeNull();
    const reader = eventReader(response);
    for (const step of ['工具匹配中...', '工具调用中...', 'DONE']) {
      const event = await reader.next();
      expect(JSON.parse(event?.data ?? '{}')).toEqual(progress(step));
      released.shift()?.();
    }
    expect((await reader.next())?.event).toBe('end');
    expect(await reader.next()).toBeUndefined();
    expect(upstream.requests.length - before).toBe(1);
  });

  it('sends each event to the browser in one TLS record', async () => {
    const counter = await tlsRecordCounter(new URL(harness.url));
    const client = new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } });
    const released: (() => void)[] = [];
    upstream.onRequest(async (call) => {
      for (let step = 1; step <= 5; step += 1) {
        call.send(progress(step === 5 ? 'DONE' : `step ${step}`));
        await new Promise<void>((resolve) => released.push(resolve));
      }
      call.res.end();
    });
    try {
      const response = await fetch(`${counter.url}/api/dbmind/intelligent-interaction`, {
        method: 'POST',
        headers: { ...browserHeaders, Cookie: cookie },
        body: JSON.stringify(question),
        dispatcher: client,
      });
      const reader = eventReader(response);
      // The handshake's tickets, the headers and the stream's opening lines come before the first event.
      expect(await reader.next()).toBeDefined();
      for (let step = 2; step <= 5; step += 1) {
        const before = counter.records();
        released.shift()?.();
        expect(JSON.parse((await reader.next())?.data ?? '{}')).toEqual(
          progress(step === 5 ? 'DONE' : `step ${step}`),
        );
        expect(counter.records() - before).toBe(1);
      }
      released.shift()?.();
      expect((await reader.next())?.event).toBe('end');
    } finally {
      // A failed check leaves the stream open: cut it, not wait for it.
      await client.destroy();
      await counter.close();
      released.forEach((release) => release());
    }
  });

  it('opens the stream with its headers and first line in one TLS record', async () => {
    const counter = await tlsRecordCounter(new URL(harness.url));
    // One connection: a second one's handshake tickets would be counted too.
    const client = new Agent({
      connections: 1,
      connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) },
    });
    let release: () => void = () => undefined;
    upstream.onRequest(async (call) => {
      await new Promise<void>((resolve) => (release = resolve));
      call.send(progress('DONE'));
      call.res.end();
    });
    try {
      // The handshake and its tickets first, on a call of their own.
      const session = await fetch(`${counter.url}/api/session`, {
        headers: { Cookie: cookie },
        dispatcher: client,
      });
      await session.arrayBuffer();
      const before = counter.records();
      const response = await fetch(`${counter.url}/api/dbmind/intelligent-interaction`, {
        method: 'POST',
        headers: { ...browserHeaders, Cookie: cookie },
        body: JSON.stringify(question),
        dispatcher: client,
      });
      const first = await response.body?.getReader().read();
      expect(new TextDecoder().decode(first?.value as Uint8Array | undefined)).toMatch(/^retry: \d+\n\n/);
      expect(counter.records() - before).toBe(1);
    } finally {
      release();
      await client.destroy();
      await counter.close();
    }
  });

  it('sets user_id from the IAM ids and session_id per project, whatever the browser sends', async () => {
    upstream.onRequest((call) => {
      call.send(progress('DONE'));
      call.res.end();
    });
    const spoofed = await ask({ ...question, user_id: 'someone_else' });
    expect(spoofed.status).toBe(400);
    const response = await ask();
    await response.text();
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      ...question,
      user_id: expect.stringMatching(/^u_[0-9a-f]{40}$/) as string,
      session_id: expect.stringMatching(/^session_1_p[0-9a-f]{12}$/) as string,
    });
  });

  it('reads DBMind’s cluster list once for a burst of questions, and chooses the cluster before each', async () => {
    upstream.onRequest((call) => {
      call.send(progress('DONE'));
      call.res.end();
    });
    const before = { ...upstream.clusterCalls };
    const answers = await Promise.all([ask(), ask(), ask()]);
    await Promise.all(answers.map((response) => response.text()));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200]);
    // A list read by an earlier test moments ago may still serve them all.
    expect(upstream.clusterCalls.list - before.list).toBeLessThanOrEqual(1);
    expect(upstream.clusterCalls.choose - before.choose).toBe(3);
  });

  it('closes the upstream request when the browser goes away', async () => {
    let answering: ScriptedCall | undefined;
    upstream.onRequest((call) => {
      answering = call;
      call.send(progress('工具匹配中...'));
    });
    const controller = new AbortController();
    const response = await ask(question, browserHeaders, controller.signal);
    const reader = eventReader(response);
    await reader.next();
    expect(answering?.res.closed).toBe(false);
    controller.abort();
    await vi.waitFor(() => expect(answering?.res.closed).toBe(true), { timeout: 15_000 });
    // The BFF hung up on an answer nobody had finished: the upstream never ended it itself.
    expect(answering?.res.writableFinished).toBe(false);
  });

  it('reports an upstream that dies mid-answer, then ends the stream', async () => {
    upstream.onRequest((call) => {
      call.send(progress('工具匹配中...'));
      setImmediate(() => call.res.destroy());
    });
    const response = await ask();
    const reader = eventReader(response);
    expect(JSON.parse((await reader.next())?.data ?? '{}')).toEqual(progress('工具匹配中...'));
    const error = await reader.next();
    expect(error?.event).toBe('relay-error');
    expect(JSON.parse(error?.data ?? '{}')).toMatchObject({ error_code: 'CONSOLE.0502' });
    expect((await reader.next())?.event).toBe('end');
  });

  it('resumes a dropped stream from Last-Event-ID without asking DBMind again', async () => {
    let release: () => void = () => undefined;
    upstream.onRequest(async (call) => {
      call.send(progress('工具匹配中...'));
      call.send(progress('提取参数中...'));
      await new Promise<void>((resolve) => (release = resolve));
      call.send(progress('工具调用中...'));
      call.send(progress('DONE'));
      call.res.end();
    });
    const before = upstream.requests.length;
    const started = await ask(question, { ...browserHeaders, Accept: 'application/json' });
    expect(started.status).toBe(202);
    const { answer_id: answerId, events } = (await started.json()) as { answer_id: string; events: string };

    // As the web app follows it: an EventSource, whose connection drops after two events.
    const watched = watchEvents(events, cookie, [harness]);
    expect((await watched.next())?.id).toBe('1');
    expect((await watched.next())?.id).toBe('2');
    watched.drop();
    release();

    // It came back by itself, with the id of the last event it had, and missed nothing.
    const third = await watched.next();
    expect(third?.id).toBe('3');
    expect(JSON.parse(third?.data ?? '{}')).toEqual(progress('工具调用中...'));
    expect(JSON.parse((await watched.next())?.data ?? '{}')).toEqual(progress('DONE'));
    expect((await watched.next())?.type).toBe('end');
    expect(upstream.requests.length - before).toBe(1);

    // Once everything was delivered, its next reconnection is told to stop (204), and it stops.
    expect(await watched.next()).toBeUndefined();
    expect(watched.lastEventIds).toEqual([null, '2', '5']);
    expect(watched.lastStatus()).toBe(204);
    watched.close();
    const other = await harness.logIn('viewer', 'Viewer@12345');
    expect((await harness.request(`/api/dbmind/answers/${answerId}/events`, { cookie: other })).status).toBe(
      404,
    );
  });

  it('relays every line of a multi-line data field as its own data line, so an upstream cannot forge id or event', async () => {
    upstream.onRequest((call) => {
      // One event whose data has three lines, two of which look like SSE fields; then a normal end.
      call.res.write('data: {"first":1}\ndata: id: 999\ndata: event: end\r\n\n');
      call.res.write('data: line one\rid: 777\n\n');
      call.send(progress('DONE'));
      call.res.end();
    });
    const response = await ask();
    const text = await response.text();
    const lines = text.split('\n');
    // Every id line is the BFF's own numbering, and the only event lines are the BFF's.
    expect(lines.filter((l) => l.startsWith('id:'))).toEqual(['id: 1', 'id: 2', 'id: 3', 'id: 4']);
    expect(lines.filter((l) => l.startsWith('event:'))).toEqual(['event: end']);
    expect(text).toContain('data: {"first":1}\ndata: id: 999\ndata: event: end\n\n');
    // A browser's parser sees the upstream's lines as data, not as fields.
    const reader = eventReader(new Response(text) as unknown as Parameters<typeof eventReader>[0]);
    const first = await reader.next();
    expect(first).toMatchObject({ id: '1', data: '{"first":1}\nid: 999\nevent: end' });
    expect(first?.event).toBeUndefined();
  });

  it('names the field and the rule of a bad question', async () => {
    const response = await ask({ query: '', session_id: 'x', mode: 'chat', history_len: 4 });
    expect(response.status).toBe(400);
    const { error_msg: message } = (await response.json()) as { error_msg: string };
    expect(message).toContain('query: is required');
    expect(message).toContain('session_id: must be at least 2 characters');
    expect(message).toContain('mode: must be tool_interaction or fault_diagnostic');
    expect(message).toContain('history_len: must be 1, 2 or 3');
  });
});
