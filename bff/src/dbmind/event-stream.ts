import type { Response } from 'express';
import type { AnswerEvent, AnswerStore } from './answer-store.ts';

export const heartbeatMs = 15_000;

/**
 * Opens a server-sent event stream. `no-transform` keeps any compression middleware from buffering
 * it; `X-Accel-Buffering: no` does the same for nginx in front of the console.
 */
export function openEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  // A browser whose console process died reconnects (through the balancer, to another one) within a second.
  res.write('retry: 1000\n\n');
}

/**
 * Every line of the data goes out as its own `data:` line, so a line break in what DBMind sent can never
 * start an `id:` or `event:` line of the browser's stream, nor end the event early.
 */
export function formatEvent(event: AnswerEvent): string {
  const name = event.event === 'message' ? '' : `event: ${event.event}\n`;
  const data = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `id: ${event.seq}\n${name}${data}\n`;
}

/** The event streams open in this process, by user, so log-out can close them. */
export class OpenStreams {
  readonly #byOwner = new Map<string, Set<Response>>();

  add(owner: string, res: Response): void {
    const streams = this.#byOwner.get(owner) ?? new Set();
    streams.add(res);
    this.#byOwner.set(owner, streams);
    res.once('close', () => {
      streams.delete(res);
      if (streams.size === 0 && this.#byOwner.get(owner) === streams) this.#byOwner.delete(owner);
    });
  }

  closeAllOf(owner: string): void {
    // Destroyed, not ended: the stream's loop then stops at once, and EventSource's reconnection meets a 401.
    for (const res of this.#byOwner.get(owner) ?? []) res.destroy();
  }
}

/**
 * Sends an answer's events after `afterSeq`, then the live ones, until the answer ends or the browser
 * leaves. Every write is a whole event, so the heartbeat comment can only fall between events.
 */
export async function streamAnswer(options: {
  res: Response;
  store: AnswerStore;
  answerId: string;
  afterSeq: number;
  heartbeatEveryMs?: number;
}): Promise<void> {
  const { res, store, answerId } = options;
  let lastSent = options.afterSeq;
  let ended = false;
  let closed = false;
  // The loop waits for the next event or the close, whichever comes first: one promise a wait, settled by
  // either (a race against one long-lived "closed" promise would leave a reaction on it for every event).
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  res.once('close', () => {
    closed = true;
    wakeUp();
  });

  const queue: AnswerEvent[] = [];
  const unsubscribe = await store.subscribe(answerId, (event) => {
    if (event === 'end') ended = true;
    else queue.push(event);
    wakeUp();
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatEveryMs ?? heartbeatMs);
  try {
    // Events recorded before the subscription started; live ones queue up meanwhile, duplicates are skipped.
    const backlog = await store.read(answerId, lastSent);
    if (backlog.ended) ended = true;
    for (const event of backlog.events) {
      res.write(formatEvent(event));
      lastSent = event.seq;
    }
    while (!closed && !res.destroyed) {
      while (queue.length > 0) {
        const event = queue.shift()!;
        if (event.seq <= lastSent) continue;
        res.write(formatEvent(event));
        lastSent = event.seq;
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.destroyed) res.end();
  }
}
