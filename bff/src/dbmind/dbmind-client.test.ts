import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askDbmind, type DbmindConnection } from './dbmind-client.ts';

// DBMind's event stream as it may arrive, in small pieces. A stand-in serves the bytes, since the emulator's
// DBMind never sends a broken stream.
let chunks: string[] = [];
let server: http.Server;
let deps: DbmindConnection;
const who = { user_id: 'u', session_id: 's' };

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c)));
    // One byte a write: events (and characters) may reach the client in pieces.
    const send = (i: number) => {
      if (i >= bytes.length) return res.end();
      res.write(bytes.subarray(i, i + 1), () => send(i + 1));
    };
    send(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  deps = { endpoint: `http://127.0.0.1:${port}`, dispatcher: new Agent(), timeoutMs: 10_000 };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const event = (data: unknown) => `data:${JSON.stringify(data)}\n\n`;

describe('askDbmind', () => {
  it('returns every element of every event, each event parsed once and whole', async () => {
    chunks = [
      event({ success: true, data: [{ type: 'str', content: '工具调用中...' }] }),
      event({
        success: true,
        data: [
          { type: 'str', content: '连接数' },
          { type: 'str', content: 'DONE' },
        ],
      }),
    ];
    const elements = await askDbmind(deps, who, 'q');
    expect(elements).toEqual([
      { type: 'str', content: '工具调用中...' },
      { type: 'str', content: '连接数' },
      { type: 'str', content: 'DONE' },
    ]);
  });

  it('answers 502 for an event that is not JSON, never a shorter answer', async () => {
    chunks = [event({ success: true, data: [{ type: 'str', content: 'a' }] }), 'data:{not json\n\n'];
    await expect(askDbmind(deps, who, 'q')).rejects.toMatchObject({
      status: 502,
      message: 'DBMind sent an event that is not JSON.',
    });
  });

  it("answers 502 with DBMind's own message when it reports a failure", async () => {
    chunks = [event({ success: false, msg: '当前会话尚未选择数据库集群' })];
    await expect(askDbmind(deps, who, 'q')).rejects.toMatchObject({
      status: 502,
      message: 'DBMind could not answer: 当前会话尚未选择数据库集群.',
    });
  });
});
