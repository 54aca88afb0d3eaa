import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gauge } from '../testing/probes.ts';
import { eventReader } from '../testing/event-reader.ts';
import type { Harness } from '../testing/harness.ts';
import { startScriptedConsole, type ScriptedConsole } from '../testing/scripted-console.ts';
import { progress, type ScriptedCall, type ScriptedUpstream } from '../testing/sse-upstream.ts';

/** Bounded chat work and log-out, against a DBMind stand-in that holds answers open as long as the test says. */

const limits = { runningPerUser: 2, questionsPerMinute: 5, answerBytes: 4096 };
const csrf = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

let scripted: ScriptedConsole;
let harness: Harness;
let upstream: ScriptedUpstream;
const held: ScriptedCall[] = [];

beforeAll(async () => {
  scripted = await startScriptedConsole({ chatLimits: limits });
  ({ harness, upstream } = scripted);
  // Every answer stays open until the test ends it.
  upstream.onRequest((call) => {
    held.push(call);
    call.send(progress('工具匹配中...'));
  });
});

afterAll(async () => {
  await scripted?.close();
});

function ask(cookie: string, accept = 'application/json') {
  return harness.request('/api/dbmind/intelligent-interaction', {
    method: 'POST',
    cookie,
    headers: { ...csrf, Accept: accept },
    body: JSON.stringify({ query: '当前有哪些告警', session_id: 'limits_1', mode: 'tool_interaction' }),
  });
}

/** Ends every held answer, including those whose question reaches DBMind only now, until none runs. */
async function endHeld(): Promise<void> {
  await eventually(async () => {
    for (const call of held.splice(0)) {
      call.send(progress('DONE'));
      call.res.end();
    }
    expect(await gauge(harness, 'bff_running_answers')).toBe(0);
  });
}

describe('bounded chat work', () => {
  it('refuses a third running answer with 429 and the console’s error body', async () => {
    const cookie = await harness.logIn();
    expect((await ask(cookie)).status).toBe(202);
    expect((await ask(cookie)).status).toBe(202);
    const third = await ask(cookie);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      error_code: 'CONSOLE.0429',
      error_msg: expect.stringContaining('At most 2 answers may run at once') as string,
      request_id: expect.any(String) as string,
    });
    // Another user has limits of their own.
    const viewer = await harness.logIn('viewer', 'Viewer@12345');
    expect((await ask(viewer)).status).toBe(202);
    await endHeld();
    // Ended answers free their places.
    expect((await ask(cookie)).status).toBe(202);
    await endHeld();
  });

  it('accepts at most the questions of a minute out of 25 sent at once, and says when to retry', async () => {
    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    const answers = await Promise.all(Array.from({ length: 25 }, () => ask(cookie)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(limits.runningPerUser);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25 - limits.runningPerUser);
    await endHeld();
    // The minute's budget runs out too: keep asking (answers end at once) until refused for the rate.
    let refused: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 2 * limits.questionsPerMinute + 2 && !refused; i += 1) {
      const response = await ask(cookie);
      if (response.status === 429) refused = response;
      await endHeld();
    }
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused?.json()).toMatchObject({ error_code: 'CONSOLE.0429' });
  });

  it('keeps at most the configured bytes of an answer, then stops it', async () => {
    const cookie = await harness.logIn('admin', 'Admin@12345');
    const response = await ask(cookie, 'text/event-stream');
    const reader = eventReader(response);
    expect(JSON.parse((await reader.next())?.data ?? '{}')).toEqual(progress('工具匹配中...'));
    const call = held.at(-1)!;
    call.send({ data: [{ type: 'str', content: 'x'.repeat(limits.answerBytes) }], success: true });
    const cut = await reader.next();
    expect(cut?.event).toBe('relay-error');
    expect(JSON.parse(cut?.data ?? '{}')).toMatchObject({ error_code: 'CONSOLE.0429' });
    expect((await reader.next())?.event).toBe('end');
    await call.closed;
    held.splice(0);
  });
});

describe('log-out', () => {
  it('stops the user’s running answers and closes their event streams', async () => {
    const cookie = await harness.logIn('admin', 'Admin@12345');
    const started = await ask(cookie);
    expect(started.status).toBe(202);
    const { events } = (await started.json()) as { events: string };
    const watched = await harness.request(events, { cookie });
    const reader = eventReader(watched);
    expect(JSON.parse((await reader.next())?.data ?? '{}')).toEqual(progress('工具匹配中...'));
    const call = held.at(-1)!;

    const out = await harness.request('/api/session', { method: 'DELETE', cookie, headers: csrf });
    expect(out.status).toBe(204);
    // DBMind's request is closed, and the browser's stream ends (it is not left waiting).
    await call.closed;
    for (let event = await reader.next(); event; event = await reader.next().catch(() => undefined)) {
      expect(['relay-error', 'end']).toContain(event.event);
    }
    held.splice(0);
    // The events cannot be read again without a session.
    expect((await harness.request(events, { cookie })).status).toBe(401);
  });
});
