import {
  apiErrorBodySchema,
  chatErrorCodes,
  chatRelayEvents,
  dbmindEventSchema,
  progressElementSchema,
} from '@dws-console/shared';
import type { AnswerState } from '../model.ts';
import { isRunning } from '../model.ts';

/**
 * Leaving or reloading the page closes every EventSource with the same error as the server's "nothing
 * more" (204); an answer must not be recorded as finished then, or the reload would not resume it.
 */
let pageIsLeaving = false;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', () => (pageIsLeaving = true));
  window.addEventListener('pagehide', () => (pageIsLeaving = true));
  window.addEventListener('pageshow', () => (pageIsLeaving = false));
}

/** Where a stream's answer goes: every change while it runs, and its final state once it ended. */
export interface AnswerSink {
  update(turnId: string, change: (answer: AnswerState) => AnswerState): void;
  ended(turnId: string): void;
}

/**
 * Keeps one EventSource per streaming answer, outside React, so re-renders and a second view of the same
 * conversation (the panel and the chat page) never reopen a stream. The browser's EventSource reconnects by
 * itself with Last-Event-ID; after a reload the stream is reopened from the answer's start.
 */
export class AnswerStreams {
  readonly #open = new Map<string, EventSource>();

  constructor(private readonly sink: AnswerSink) {}

  isOpen(turnId: string): boolean {
    return this.#open.has(turnId);
  }

  watch(turnId: string, answerId: string, lastEventId: number): void {
    if (this.#open.has(turnId)) return;
    const events = `/api/dbmind/answers/${encodeURIComponent(answerId)}/events`;
    const source = new EventSource(lastEventId > 0 ? `${events}?lastEventId=${lastEventId}` : events);
    this.#open.set(turnId, source);
    const update = (change: (answer: AnswerState) => AnswerState) => this.sink.update(turnId, change);
    const close = (ended: boolean) => {
      source.close();
      this.#open.delete(turnId);
      if (ended) this.sink.ended(turnId);
    };

    source.onmessage = (message: MessageEvent<string>) => {
      const seq = Number(message.lastEventId);
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        return;
      }
      // DBMind's own event shape (shared/): a batch of elements, or its internal-error shape.
      const event = dbmindEventSchema.safeParse(raw);
      if (!event.success) return;
      update((answer) => {
        if (seq <= answer.last_event_id) return answer;
        const next = { ...answer, last_event_id: seq, status: 'streaming' as const };
        if (!event.data.success) return { ...next, error: 'internal' };
        const progress = event.data.data.flatMap((item) => {
          const step = progressElementSchema.safeParse(item);
          return step.success && step.data.content !== 'DONE' ? [step.data.content] : [];
        });
        const elements = event.data.data.filter((item) => item.type !== 'progress');
        return {
          ...next,
          progress: [...answer.progress, ...progress],
          elements: [...answer.elements, ...elements],
        };
      });
    };
    source.addEventListener(chatRelayEvents.error, (message: MessageEvent<string>) => {
      const seq = Number(message.lastEventId);
      let body: unknown;
      try {
        body = JSON.parse(message.data);
      } catch {
        // Keep the generic message.
      }
      const parsed = apiErrorBodySchema.safeParse(body);
      const stopped = parsed.data?.error_code === chatErrorCodes.stopped;
      update(({ error: _, ...answer }) => ({
        ...answer,
        last_event_id: Math.max(answer.last_event_id, seq || 0),
        status: stopped ? 'stopped' : 'failed',
        ...(stopped ? {} : { error: parsed.data?.error_msg ?? 'stream failed' }),
      }));
    });
    source.addEventListener(chatRelayEvents.end, () => {
      update((answer) => (isRunning(answer) ? { ...answer, status: 'done' } : answer));
      close(true);
    });
    source.onerror = () => {
      // CLOSED means the server said there is nothing more (204) or refused the stream for good.
      if (source.readyState !== EventSource.CLOSED) return;
      if (pageIsLeaving) return close(false);
      update((answer) => (isRunning(answer) ? { ...answer, status: 'done' } : answer));
      close(true);
    };
  }

  closeAll(): void {
    for (const source of this.#open.values()) source.close();
    this.#open.clear();
  }
}
