import { EventSource, type FetchLikeResponse } from 'eventsource';
import { chatRelayEvents } from '@dws-console/shared';
import type { Harness } from './harness.ts';

export interface WatchedEvent {
  id: string;
  /** `message`, or one of the relay's named events (`relay-error`, `end`). */
  type: string;
  data: string;
}

export interface BrowserEventSource {
  /** The next event, waiting for it; `undefined` once the stream was told to stop reconnecting. */
  next(): Promise<WatchedEvent | undefined>;
  /** The `Last-Event-ID` each connection sent, in order: none on the first one. */
  lastEventIds: (string | null)[];
  /** What the last connection was answered with (204: nothing more, do not reconnect). */
  lastStatus(): number;
  /** Ends the open connection as a lost network does; EventSource reconnects by itself. */
  drop(): void;
  close(): void;
}

/**
 * Follows an answer's events as the web app does: an `EventSource` (the `eventsource` package, which behaves as
 * a browser's), which reconnects by itself with `Last-Event-ID` after a dropped connection. Connection n reaches
 * `consoles[n]` (the last one from then on), as a balancer in front of several console processes may send it.
 */
export function watchEvents(
  events: string,
  cookie: string,
  consoles: [Harness, ...Harness[]],
): BrowserEventSource {
  const via = (connection: number) => consoles[Math.min(connection, consoles.length - 1)]!;
  const queue: WatchedEvent[] = [];
  let wake: () => void = () => undefined;
  let ended = false;
  let status = 0;
  let drop: () => void = () => undefined;
  const lastEventIds: (string | null)[] = [];

  const source = new EventSource(`${via(0).url}${events}`, {
    fetch: async (_url, init): Promise<FetchLikeResponse> => {
      const connection = lastEventIds.length;
      lastEventIds.push(init.headers['Last-Event-ID'] ?? null);
      const response = await via(connection).request(events, {
        cookie,
        headers: init.headers,
        signal: init.signal as AbortSignal,
      });
      status = response.status;
      const reader = response.body?.getReader();
      const dropped = new Promise<{ done: true }>((resolve) => {
        drop = () => {
          resolve({ done: true });
          void reader?.cancel();
        };
      });
      return {
        url: response.url,
        status: response.status,
        redirected: response.redirected,
        headers: response.headers,
        body: reader
          ? {
              getReader: () => ({
                read: () => Promise.race([reader.read(), dropped]),
                cancel: () => reader.cancel(),
              }),
            }
          : null,
      };
    },
  });
  const push = (event: MessageEvent) => {
    queue.push({ id: event.lastEventId, type: event.type, data: String(event.data) });
    wake();
  };
  source.addEventListener('message', push);
  for (const name of Object.values(chatRelayEvents)) source.addEventListener(name, push);
  source.addEventListener('error', () => {
    if (source.readyState !== source.CLOSED) return;
    ended = true;
    wake();
  });

  return {
    async next() {
      while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      return queue.shift();
    },
    lastEventIds,
    lastStatus: () => status,
    drop: () => drop(),
    close: () => source.close(),
  };
}
