import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Harness } from '../testing/harness.ts';
import { startScriptedConsole, type ScriptedConsole } from '../testing/scripted-console.ts';
import { progress, type ScriptedCall, type ScriptedUpstream } from '../testing/sse-upstream.ts';

const streams = 2000;
const steps = ['工具匹配中...', '提取参数中...', '工具调用中...', 'DONE'];

// Thousands of TLS connections on a shared two-core machine: generous bounds, still finite.
vi.setConfig({ hookTimeout: 180_000 });

let scripted: ScriptedConsole;
let harness: Harness;
let upstream: ScriptedUpstream;
let cookie: string;

beforeAll(async () => {
  scripted = await startScriptedConsole();
  ({ harness, upstream } = scripted);
  cookie = await harness.logIn();
});

afterAll(async () => {
  await scripted?.close();
});

it(
  `holds ${streams} answers open at once and delivers every event of each`,
  { timeout: 300_000 },
  async () => {
    // The upstream answers nobody until every question has arrived, so all streams are open together.
    const waiting: ScriptedCall[] = [];
    let allArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (allArrived = resolve));
    upstream.onRequest((call) => {
      waiting.push(call);
      if (waiting.length === streams) allArrived();
    });

    const received = Array.from({ length: streams }, () => [] as string[]);
    const open = (i: number) =>
      harness.request('/api/dbmind/intelligent-interaction', {
        method: 'POST',
        cookie,
        headers: {
          'Content-Type': 'application/json',
          'X-Requested-With': 'XMLHttpRequest',
          Accept: 'text/event-stream',
          'Accept-Encoding': 'gzip, deflate, br',
        },
        body: JSON.stringify({ query: `question ${i}`, session_id: `s_${i}`, mode: 'tool_interaction' }),
      });
    // Connections open a hundred at a time (a burst of 2,000 TLS handshakes overflows the listen backlog);
    // every stream stays open until all of them are.
    const responses: Awaited<ReturnType<typeof open>>[] = [];
    for (let first = 0; first < streams; first += 100) {
      const batch = Array.from({ length: Math.min(100, streams - first) }, (_, k) => open(first + k));
      responses.push(...(await Promise.all(batch)));
    }
    const clients = responses.map(async (response, i) => {
      const events = received[i]!;
      expect(response.status).toBe(200);
      const parser = createParser({ onEvent: (event) => events.push(event.event ?? event.data) });
      const decoder = new TextDecoder();
      for await (const chunk of response.body!)
        parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    });

    await arrived;
    for (const call of waiting) {
      for (const step of steps) call.send(progress(step));
      call.res.end();
    }
    await Promise.all(clients);

    const expected = [...steps.map((step) => JSON.stringify(progress(step))), 'end'];
    const complete = received.filter((events) => JSON.stringify(events) === JSON.stringify(expected)).length;
    expect(complete).toBe(streams);
    expect(upstream.requests.length).toBe(streams);
  },
);
