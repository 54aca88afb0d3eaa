import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Response } from 'undici';

/** Reads an event stream one event at a time, as a browser's EventSource would. */
export function eventReader(response: Response) {
  const queue: EventSourceMessage[] = [];
  let wake: () => void = () => undefined;
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      queue.push(event);
      wake();
    },
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!)
        parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // The test aborted the stream.
    }
    done = true;
    wake();
  })();
  return {
    async next(): Promise<EventSourceMessage | undefined> {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
      return queue.shift();
    },
  };
}
