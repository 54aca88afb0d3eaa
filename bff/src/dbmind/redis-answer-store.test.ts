import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePki } from '@dws-console/emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRedis, RedisSessionStore } from '../auth/redis-session-store.ts';
import { watchEvents, type WatchedEvent } from '../testing/browser-event-source.ts';
import { eventReader } from '../testing/event-reader.ts';
import { startHarness, type Harness } from '../testing/harness.ts';
import { startRedis } from '../testing/redis-server.ts';
import {
  progress,
  scriptedInstance,
  startScriptedUpstream,
  type ScriptedUpstream,
} from '../testing/sse-upstream.ts';
import { RedisAnswerStore } from './redis-answer-store.ts';

const orphanGraceMs = 2000;
let redis: Awaited<ReturnType<typeof startRedis>>;
let upstream: ScriptedUpstream;
let first: Harness;
let second: Harness;
let cookie: string;
const clients: Redis[] = [];
const stores: RedisAnswerStore[] = [];

/** What each BFF process gets: its own Redis connection, the same Redis. */
function sharedStores() {
  const client = connectRedis(redis.url);
  clients.push(client);
  const answers = new RedisAnswerStore(client);
  stores.push(answers);
  return { sessionStore: new RedisSessionStore(client), answers };
}

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bff-redis-answers-'));
  await ensurePki(path.join(dataDir, 'pki'));
  upstream = await startScriptedUpstream(dataDir);
  redis = await startRedis();
  const a = sharedStores();
  first = await startHarness(
    { sessionStore: a.sessionStore },
    {
      dataDir,
      dbmindEndpoint: upstream.url,
      answers: a.answers,
      orphanGraceMs,
      projectInstances: [scriptedInstance],
    },
  );
  // A second BFF process behind the same load balancer.
  const b = sharedStores();
  second = await startHarness(
    { sessionStore: b.sessionStore },
    {
      emulator: first.emulator,
      dataDir,
      dbmindEndpoint: upstream.url,
      answers: b.answers,
      orphanGraceMs,
      projectInstances: [scriptedInstance],
    },
  );
  cookie = await first.logIn();
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  for (const store of stores) store.close();
  for (const client of clients) client.disconnect();
  await redis?.stop();
  await upstream?.close();
});

const xhr = { 'X-Requested-With': 'XMLHttpRequest' };

/** Asks on the first process the way the web app does: 202, then an event stream to watch. */
async function askOnFirst(): Promise<{ answerId: string; events: string }> {
  const response = await first.request('/api/dbmind/intelligent-interaction', {
    method: 'POST',
    headers: { ...xhr, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: '当前有哪些告警', session_id: 'session_1', mode: 'tool_interaction' }),
    cookie,
  });
  expect(response.status).toBe(202);
  const body = (await response.json()) as { answer_id: string; events: string };
  return { answerId: body.answer_id, events: body.events };
}

function released(): { wait: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => (release = resolve));
  return { wait, release };
}

describe('answers shared through Redis', () => {
  it('resumes on another BFF process from Last-Event-ID: the missed events, then the live rest, asked once', async () => {
    const second1 = released();
    const second1Missed = released();
    const third = released();
    upstream.onRequest(async (call) => {
      call.send(progress('工具匹配中...'));
      await second1Missed.wait;
      call.send(progress('提取参数中...'));
      await second1.wait;
      call.send(progress('工具调用中...'));
      await third.wait;
      call.send(progress('DONE'));
      call.res.end();
    });
    const before = upstream.requests.length;
    const { events } = await askOnFirst();

    // The browser's EventSource sees the first event on the first process, then its connection drops; the
    // balancer sends its reconnection, and every one after, to the second process.
    const watched = watchEvents(events, cookie, [first, second]);
    const received: WatchedEvent[] = [(await watched.next())!];
    expect(received[0]?.id).toBe('1');
    watched.drop();
    second1Missed.release();

    // Missed while away: from the shared buffer.
    received.push((await watched.next())!);
    // Written by the first process while the second one is watching: live.
    second1.release();
    received.push((await watched.next())!);
    third.release();
    for (let event = await watched.next(); event; event = await watched.next()) received.push(event);

    expect(received.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(received.slice(1, 4).map((event) => JSON.parse(event.data) as unknown)).toEqual([
      progress('提取参数中...'),
      progress('工具调用中...'),
      progress('DONE'),
    ]);
    expect(received[4]?.type).toBe('end');
    expect(watched.lastEventIds).toEqual([null, '1', '5']);
    expect(upstream.requests.length - before).toBe(1);

    // Everything was delivered: the second process told EventSource to stop reconnecting, and so does the first.
    expect(watched.lastStatus()).toBe(204);
    watched.close();
    const done = await first.request(events, { cookie, headers: { 'Last-Event-ID': '5' } });
    expect(done.status).toBe(204);
  });

  it('keeps an answer to the user who asked, on every process', async () => {
    upstream.onRequest((call) => {
      call.send(progress('DONE'));
      call.res.end();
    });
    const { answerId, events } = await askOnFirst();
    const viewer = await second.logIn('viewer', 'Viewer@12345');
    expect((await second.request(events, { cookie: viewer })).status).toBe(404);
    const stop = await second.request(`/api/dbmind/answers/${answerId}`, {
      method: 'DELETE',
      headers: xhr,
      cookie: viewer,
    });
    expect(stop.status).toBe(404);
    // The asker still reads it whole.
    const reader = eventReader(await second.request(events, { cookie }));
    expect(JSON.parse((await reader.next())?.data ?? '{}')).toEqual(progress('DONE'));
    expect((await reader.next())?.event).toBe('end');
  });

  it('stops the upstream request from the other process', async () => {
    upstream.onRequest((call) => {
      call.send(progress('工具匹配中...'));
    });
    const before = upstream.requests.length;
    const { answerId, events } = await askOnFirst();
    const reader = eventReader(await second.request(events, { cookie }));
    expect((await reader.next())?.id).toBe('1');
    const call = upstream.requests.at(-1)!;

    const stop = await second.request(`/api/dbmind/answers/${answerId}`, {
      method: 'DELETE',
      headers: xhr,
      cookie,
    });
    expect(stop.status).toBe(204);
    await call.closed;
    const stopped = await reader.next();
    expect(stopped?.event).toBe('relay-error');
    expect(JSON.parse(stopped?.data ?? '{}')).toMatchObject({ error_code: 'CONSOLE.0499' });
    expect((await reader.next())?.event).toBe('end');
    expect(await reader.next()).toBeUndefined();
    expect(upstream.requests.length - before).toBe(1);
  });

  it('keeps an answer running while another process has a watcher, and stops it once nobody watches', async () => {
    upstream.onRequest((call) => {
      call.send(progress('工具匹配中...'));
    });
    const { answerId, events } = await askOnFirst();
    // A listener of its own on the answer's channel counts the second process's lease renewals.
    const listener = sharedStores().answers;
    let leases = 0;
    await listener.onSignal(answerId, (signal) => {
      if (signal === 'watching') leases += 1;
    });
    const watching = new AbortController();
    const reader = eventReader(await second.request(events, { cookie, signal: watching.signal }));
    expect((await reader.next())?.id).toBe('1');
    const call = upstream.requests.at(-1)!;
    let stopped = false;
    void call.closed.then(() => (stopped = true));

    // Nobody watches on the first process; the second one's lease keeps the answer alive there: eight
    // renewals (one every quarter of the grace) span two graces, and the answer is still running.
    await vi.waitFor(() => expect(leases).toBeGreaterThanOrEqual(8), { timeout: 60_000, interval: 50 });
    expect(stopped).toBe(false);

    watching.abort();
    await call.closed;
  });
});

describe('the Redis answer store', () => {
  it('keeps at most maxEvents per answer, numbered on, and lets every key expire', async () => {
    const client = connectRedis(redis.url);
    const store = new RedisAnswerStore(client, { maxEvents: 3, ttlMs: 60_000 });
    try {
      const id = '00000000-0000-4000-8000-000000000001';
      await store.create(id, { owner: 'u1', createdAt: 1 });
      for (const step of ['a', 'b', 'c', 'd', 'e']) await store.append(id, { event: 'message', data: step });
      await store.finish(id);
      const { events, ended } = await store.read(id, 0);
      expect(events.map((e) => [e.seq, e.data])).toEqual([
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
      ]);
      expect(ended).toBe(true);
      expect(await store.meta(id)).toEqual({ owner: 'u1', createdAt: 1 });
      const keys = await client.keys(`*${id}*`);
      expect(keys.length).toBe(2);
      for (const key of keys) {
        const ttl = await client.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
      await expect(
        store.append('00000000-0000-4000-8000-000000000002', { event: 'message', data: 'x' }),
      ).rejects.toThrow();
    } finally {
      store.close();
      client.disconnect();
    }
  });

  it('ends an answer whose runner stopped renewing its lease, once, for every process watching it', async () => {
    const clients = [connectRedis(redis.url), connectRedis(redis.url)];
    const [runnerStore, watcherStore] = clients.map((client) => new RedisAnswerStore(client));
    try {
      const id = '00000000-0000-4000-8000-000000000003';
      const ending = [
        { event: 'error', data: '{"error_code":"CONSOLE.0502"}' },
        { event: 'end', data: '{}' },
      ];
      await runnerStore!.create(id, { owner: 'u1', createdAt: 1 });
      await runnerStore!.append(id, { event: 'message', data: 'half an answer' });
      const heard: string[] = [];
      const unsubscribe = await watcherStore!.subscribe(id, (event) =>
        heard.push(event === 'end' ? 'end' : event.data),
      );
      // The runner renews its lease: nobody may end its answer.
      await runnerStore!.renewLease(id);
      expect(await watcherStore!.endIfAbandoned(id, ending)).toBe(false);

      // The runner's process dies: no more renewals, and the lease runs out.
      await expect
        .poll(() => watcherStore!.endIfAbandoned(id, ending), { timeout: 20_000, interval: 500 })
        .toBe(true);
      expect(await runnerStore!.endIfAbandoned(id, ending)).toBe(false);
      const { events, ended } = await watcherStore!.read(id, 0);
      expect(events.map((e) => [e.seq, e.event, e.data])).toEqual([
        [1, 'message', 'half an answer'],
        [2, 'error', '{"error_code":"CONSOLE.0502"}'],
        [3, 'end', '{}'],
      ]);
      expect(ended).toBe(true);
      await expect.poll(() => heard).toEqual(['{"error_code":"CONSOLE.0502"}', '{}', 'end']);
      unsubscribe();
    } finally {
      runnerStore?.close();
      watcherStore?.close();
      for (const client of clients) client.disconnect();
    }
  });

  it('gives its own watchers an answer’s events at once, and every other process’s watchers once each, in order', async () => {
    const clients = [connectRedis(redis.url), connectRedis(redis.url)];
    const [runnerStore, otherStore] = clients.map((client) => new RedisAnswerStore(client)) as [
      RedisAnswerStore,
      RedisAnswerStore,
    ];
    try {
      const id = '00000000-0000-4000-8000-000000000004';
      await runnerStore.create(id, { owner: 'u1', createdAt: 1 });
      const heard = { here: [] as string[], elsewhere: [] as string[] };
      const listen = (store: RedisAnswerStore, into: string[]) =>
        store.subscribe(id, (event) => into.push(event === 'end' ? 'end' : `${event.seq} ${event.data}`));
      const unsubscribe = [await listen(runnerStore, heard.here), await listen(otherStore, heard.elsewhere)];

      const appended = runnerStore.append(id, { event: 'message', data: 'first' });
      // Given to this process's watcher before Redis has even answered.
      expect(heard.here).toEqual(['1 first']);
      await appended;
      for (const data of ['second', 'third']) await runnerStore.append(id, { event: 'message', data });
      await runnerStore.finish(id);

      const all = ['1 first', '2 second', '3 third', 'end'];
      await expect.poll(() => heard.elsewhere).toEqual(all);
      await expect.poll(() => heard.here).toEqual(all);
      expect((await otherStore.read(id, 0)).events.map((e) => `${e.seq} ${e.data}`)).toEqual(all.slice(0, 3));
      for (const stop of unsubscribe) stop();
    } finally {
      runnerStore.close();
      otherStore.close();
      for (const client of clients) client.disconnect();
    }
  });
});
