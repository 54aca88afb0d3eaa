import type { QueryClient } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Conversation, Turn } from '@dws-console/shared';
import { recordAnswer } from '../api/conversations.ts';
import { chatKeys } from '../api/keys.ts';
import type { AnswerState } from '../model.ts';
import { AnswerStreams } from './answer-streams.ts';
import { onCloseAnswerStreams } from './close-streams.ts';

/** Which conversation: its project's, as the BFF keeps them. */
export interface ConversationRef {
  projectId: string;
  conversationId: string;
}

/** Replaces one turn of a cached conversation. */
export function setCachedTurn(
  queryClient: QueryClient,
  { projectId, conversationId }: ConversationRef,
  turnId: string,
  change: (turn: Turn) => Turn,
): void {
  queryClient.setQueryData(
    chatKeys.conversation(projectId, conversationId),
    (old: Conversation | undefined) =>
      old ? { ...old, turns: old.turns.map((turn) => (turn.id === turnId ? change(turn) : turn)) } : old,
  );
}

/**
 * The answers streaming in this page, whichever view shows them (the panel, the chat page): their state while
 * they run, and their final state written back to the BFF once they end. Nothing of it is kept in the browser's
 * storage; a reload resumes a running answer from the BFF by its id.
 */
export class ChatRuntime {
  readonly #live = new Map<string, { conversation: ConversationRef; answer: AnswerState }>();
  readonly #listeners = new Set<() => void>();
  #version = 0;
  readonly streams: AnswerStreams;

  constructor(readonly queryClient: QueryClient) {
    this.streams = new AnswerStreams({
      update: (turnId, change) => {
        const entry = this.#live.get(turnId);
        if (!entry) return;
        this.#live.set(turnId, { ...entry, answer: change(entry.answer) });
        this.#changed();
      },
      ended: (turnId) => void this.#record(turnId),
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly version = (): number => this.#version;

  /** What a turn shows: its live state while it streams here, else what the BFF stored. */
  answerOf(turn: Turn): AnswerState {
    return this.#live.get(turn.id)?.answer ?? turn.answer;
  }

  /** Streams a turn's answer from `answer` on (a new question, or one left running by an earlier page). */
  follow(conversation: ConversationRef, turnId: string, answerId: string, answer: AnswerState): void {
    if (this.streams.isOpen(turnId)) return;
    this.#live.set(turnId, { conversation, answer });
    this.#changed();
    this.streams.watch(turnId, answerId, answer.last_event_id);
  }

  closeAll(): void {
    this.streams.closeAll();
    this.#live.clear();
    this.#changed();
  }

  async #record(turnId: string): Promise<void> {
    const entry = this.#live.get(turnId);
    if (!entry) return;
    const { answer_id: _, ...stored } = entry.answer;
    setCachedTurn(this.queryClient, entry.conversation, turnId, (turn) => ({ ...turn, answer: stored }));
    this.#live.delete(turnId);
    this.#changed();
    // A failure to record leaves the stored turn as it was; a later visit resumes or ends it then.
    await recordAnswer(entry.conversation.conversationId, turnId, stored).catch(() => undefined);
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}

let runtime: ChatRuntime | undefined;

/** The page's one runtime, for the app's query client (a test's fresh client gets a fresh runtime). */
function runtimeFor(queryClient: QueryClient): ChatRuntime {
  if (runtime?.queryClient !== queryClient) {
    runtime?.closeAll();
    runtime = new ChatRuntime(queryClient);
  }
  return runtime;
}

/** The page's one runtime; it re-renders its caller whenever a live answer changes. */
export function useChatRuntime(): ChatRuntime {
  const current = runtimeFor(useQueryClient());
  useSyncExternalStore(current.subscribe, current.version);
  return current;
}

// Log-out and the session's end: every stream closes, and nothing of the answers stays in this page.
onCloseAnswerStreams(() => {
  runtime?.closeAll();
  runtime = undefined;
});
