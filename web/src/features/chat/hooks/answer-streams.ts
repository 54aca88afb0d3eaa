import { chatRelayEvents } from '@dws-console/shared';
import type { ChatElement, ConversationStore } from './conversation-store.ts';

interface DbmindEvent {
  data?: unknown;
  success?: boolean;
  msg?: string;
}

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

/**
 * Keeps one EventSource per streaming answer, outside React, so re-renders never reopen a stream.
 * The browser's EventSource reconnects by itself with Last-Event-ID; after a reload the stream is
 * reopened from the last event id the store remembers.
 */
export class AnswerStreams {
  readonly #open = new Map<string, EventSource>();

  constructor(private readonly store: ConversationStore) {}

  watch(conversationId: string, turnId: string, events: string, lastEventId: number): void {
    if (this.#open.has(turnId)) return;
    const url = lastEventId > 0 ? `${events}?lastEventId=${lastEventId}` : events;
    const source = new EventSource(url);
    this.#open.set(turnId, source);
    const update = this.store.updateAnswer.bind(this.store, conversationId, turnId);
    const close = () => {
      source.close();
      this.#open.delete(turnId);
    };

    source.onmessage = (message: MessageEvent<string>) => {
      const seq = Number(message.lastEventId);
      let event: DbmindEvent;
      try {
        event = JSON.parse(message.data) as DbmindEvent;
      } catch {
        return;
      }
      update((answer) => {
        if (seq <= answer.lastEventId) return answer;
        const next = { ...answer, lastEventId: seq, status: 'streaming' as const };
        if (event.success === false) return { ...next, error: 'internal' };
        const items = Array.isArray(event.data) ? (event.data as ChatElement[]) : [];
        const progress = items.filter((item) => item.type === 'progress').map((item) => String(item.content));
        const elements = items.filter((item) => item.type !== 'progress');
        return {
          ...next,
          progress: [...answer.progress, ...progress.filter((p) => p !== 'DONE')],
          elements: [...answer.elements, ...elements],
        };
      });
    };
    source.addEventListener(chatRelayEvents.error, (message: MessageEvent<string>) => {
      const seq = Number(message.lastEventId);
      let body: { error_code?: string; error_msg?: string } = {};
      try {
        body = JSON.parse(message.data) as typeof body;
      } catch {
        // Keep the generic message.
      }
      update((answer) => ({
        ...answer,
        lastEventId: Math.max(answer.lastEventId, seq || 0),
        status: body.error_code === 'CONSOLE.0499' ? 'stopped' : 'failed',
        error: body.error_code === 'CONSOLE.0499' ? undefined : (body.error_msg ?? 'stream failed'),
      }));
    });
    source.addEventListener(chatRelayEvents.end, () => {
      update((answer) => ({
        ...answer,
        status: answer.status === 'streaming' || answer.status === 'asking' ? 'done' : answer.status,
      }));
      close();
    });
    source.onerror = () => {
      // CLOSED means the server said there is nothing more (204) or refused the stream for good.
      if (source.readyState === EventSource.CLOSED) {
        if (pageIsLeaving) {
          close();
          return;
        }
        update((answer) =>
          answer.status === 'streaming' || answer.status === 'asking'
            ? { ...answer, status: 'done' }
            : answer,
        );
        close();
      }
    };
  }

  closeAll(): void {
    for (const source of this.#open.values()) source.close();
    this.#open.clear();
  }
}
