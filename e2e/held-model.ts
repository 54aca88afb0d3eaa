import http from 'node:http';
import { heldModelPort } from './ports.ts';

/** The model the emulated DBMind offers while a journey serves it (besides its built-in router). */
export const heldModelName = 'e2e-held-model';

/** One chat completion DBMind asked for, held until the journey answers it. */
export interface HeldCall {
  body: unknown;
  /** Answers with a call of `tool` (DBMind then runs that tool). */
  release(tool: string): void;
  /** Settles when DBMind gave up waiting: it hung up before the answer. */
  abandoned: Promise<void>;
}

/**
 * An OpenAI-compatible endpoint (`GET /v1/models`, `POST /v1/chat/completions`) that holds each completion
 * until the journey releases it: an answer that stays mid-stream exactly as long as a journey needs, with
 * nothing timed, and only for the journeys that choose this model.
 */
export async function startHeldModel(): Promise<{
  /** The next call not handed out yet, now or when it arrives. */
  nextCall(): Promise<HeldCall>;
  calls: HeldCall[];
  close(): Promise<void>;
}> {
  const calls: HeldCall[] = [];
  // Calls are handed out in the order they arrive, whether the journey asks before or after.
  const waiting: ((call: HeldCall) => void)[] = [];
  let handedOut = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: heldModelName, object: 'model' }] }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const abandoned = new Promise<void>((resolve) =>
        res.once('close', () => {
          if (!res.writableEnded) resolve();
        }),
      );
      const call: HeldCall = {
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        abandoned,
        release(tool) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [
                {
                  index: 0,
                  message: {
                    role: 'assistant',
                    content: null,
                    tool_calls: [
                      { id: 'call_1', type: 'function', function: { name: tool, arguments: '{}' } },
                    ],
                  },
                  finish_reason: 'tool_calls',
                },
              ],
            }),
          );
        },
      };
      calls.push(call);
      waiting.shift()?.(call);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(heldModelPort, '127.0.0.1', resolve);
  });
  return {
    calls,
    nextCall() {
      const arrived = calls[handedOut];
      handedOut += 1;
      return arrived ? Promise.resolve(arrived) : new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
