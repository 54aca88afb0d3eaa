import type { Agent as HttpsAgent } from 'node:https';
import { createServer } from 'node:net';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Agent as UndiciAgent, Response } from 'undici';
import { vi } from 'vitest';
import type { Harness } from './harness.ts';

/**
 * Waits for something that settles by itself (a socket closing, a stream ending) with a bound generous
 * enough for a busy two-core machine: this is about "eventually", never about speed.
 */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 15_000, interval: 25 });
}

/** A gauge from the BFF's /metrics (the harness's client is on the loopback). */
export async function gauge(harness: Harness, name: string): Promise<number> {
  const text = await (await harness.request('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no gauge ${name} in /metrics`);
  return Number(line.slice(name.length + 1));
}

/** Sockets of a node:https agent that carry a request right now, and those idle in its keep-alive pool. */
export function agentSockets(agent: HttpsAgent): { busy: number; idle: number } {
  const count = (pool: NodeJS.ReadOnlyDict<unknown[]>) =>
    Object.values(pool).reduce((total, list) => total + (list?.length ?? 0), 0);
  return { busy: count(agent.sockets), idle: count(agent.freeSockets) };
}

/** Requests an undici agent still has running or waiting, over all origins. */
export function dispatcherBusy(agent: UndiciAgent): number {
  let total = 0;
  for (const stats of Object.values(agent.stats)) {
    total += stats.running + stats.pending + ('queued' in stats ? stats.queued : 0);
  }
  return total;
}

/** A loopback URL where nothing listens: the port was free a moment ago and is closed again. */
export async function deadEndpoint(): Promise<string> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  return `https://127.0.0.1:${port}`;
}

/** Reads a whole event stream; resolves when the BFF ends it, rejects when the connection breaks. */
export async function readEvents(response: Response): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of response.body!)
    parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
  return events;
}

export const csrfJson = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
