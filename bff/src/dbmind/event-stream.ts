import type { Response } from 'express';
import type { AnswerEvent, AnswerStore } from './answer-store.ts';

export const heartbeatMs = 15_000;

/**
 * Opens a server-sent event stream. `no-transform` keeps any compression middleware from buffering
 * it; `X-Accel-Buffering: no` does the same for nginx in front of the console. The headers leave with the
 * stream's first line in one TLS record (`flushHeaders` would send them in a record of their own).
 */
export function openEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.socket?.setNoDelay(true);
  // A browser whose console process died reconnects (through the balancer, to another one) within a second.
  res.write('retry: 1000\n\n');
}

const lineBreak = /\r\n|\r|\n/;

/**
 * Every line of the data goes out as its own `data:` line, so a line break in what DBMind sent can never
 * start an `id:` or `event:` line of the browser's stream, nor end the event early.
 */
export function formatEvent(event: AnswerEvent): string {
  const name = event.event === 'message' ? '' : `event: ${event.event}\n`;
  // DBMind's events are one line of JSON: no array of lines for each of them.
  const data = lineBreak.test(event.data)
    ? event.data
        .split(lineBreak)
        .map((line) => `data: ${line}\n`)
        .join('')
    : `data: ${event.data}\n`;
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
 *
 * A live event is written from the store's callback, in the tick it arrived: Node's HTTP response corks the
 * socket for the rest of that tick, so the events of one tick leave in one TLS record, and no promise or
 * queue stands between DBMind's event and the browser's.
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
  let finish!: () => void;
  const over = new Promise<void>((resolve) => (finish = resolve));
  res.once('close', finish);
  const send = (event: AnswerEvent) => {
    if (event.seq <= lastSent || res.destroyed) return;
    res.write(formatEvent(event));
    lastSent = event.seq;
  };
  // Until the backlog is out, live events wait behind it; duplicates of it are skipped.
  let waiting: AnswerEvent[] | undefined = [];
  const unsubscribe = await store.subscribe(answerId, (event) => {
    if (event === 'end') {
      ended = true;
      if (!waiting) finish();
    } else if (waiting) waiting.push(event);
    else send(event);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatEveryMs ?? heartbeatMs);
  try {
    const backlog = await store.read(answerId, lastSent);
    if (backlog.ended) ended = true;
    backlog.events.forEach(send);
    waiting.forEach(send);
    waiting = undefined;
    if (ended || res.destroyed) finish();
    await over;
  } finally {
    clearInterval(heartbeat);
    res.off('close', finish);
    unsubscribe();
    if (!res.destroyed) res.end();
  }
}
