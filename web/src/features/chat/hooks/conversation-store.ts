import type { ChatMode } from '@dws-console/shared';

/** One output element of DBMind (`{type, ...}`); rendered by type, unknown types shown as JSON. */
export type ChatElement = { type: string } & Record<string, unknown>;

export type AnswerStatus = 'asking' | 'streaming' | 'done' | 'stopped' | 'failed';

export interface AnswerState {
  answerId?: string;
  events?: string;
  lastEventId: number;
  progress: string[];
  elements: ChatElement[];
  status: AnswerStatus;
  error?: string;
}

export interface Turn {
  id: string;
  /** What DBMind is asked. */
  question: string;
  /** What the conversation shows instead, when the question is not meant for reading (an alarm's JSON). */
  shown?: string;
  mode: ChatMode;
  answer: AnswerState;
}

export interface Conversation {
  id: string;
  title: string;
  /** DBMind's session id: DBMind keeps the context of earlier turns under it. */
  sessionId: string;
  mode: ChatMode;
  historyLen: 1 | 2 | 3;
  model?: string;
  cluster?: string;
  createdAt: number;
  turns: Turn[];
}

export interface ConversationState {
  conversations: Conversation[];
  activeId?: string;
}

const maxConversations = 50;

function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function newConversation(title: string): Conversation {
  return {
    id: randomId('c'),
    title,
    sessionId: randomId('s'),
    mode: 'tool_interaction',
    historyLen: 1,
    createdAt: Date.now(),
    turns: [],
  };
}

export function newTurn(question: string, mode: ChatMode, shown?: string): Turn {
  return {
    id: randomId('t'),
    question,
    ...(shown !== undefined && shown !== question ? { shown } : {}),
    mode,
    answer: { lastEventId: 0, progress: [], elements: [], status: 'asking' },
  };
}

const keyPrefix = 'dws-console.chat.';
/** Bumped when conversations are forgotten, so a store still open then never writes them back. */
let generation = 0;

/**
 * Forgets every user's conversations in this browser: at log-out and when the session ends, no chat text
 * stays behind for the next person at this browser.
 */
export function forgetConversations(): void {
  generation += 1;
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(keyPrefix)) localStorage.removeItem(key);
  } catch {
    // No storage, nothing kept.
  }
}

/**
 * Conversations of one user, kept in localStorage so they survive reloads, with a subscribe/snapshot
 * pair for useSyncExternalStore. Each user has a key of their own.
 */
export class ConversationStore {
  readonly #key: string;
  readonly #generation = generation;
  readonly #listeners = new Set<() => void>();
  #state: ConversationState;

  constructor(userId: string) {
    this.#key = `${keyPrefix}${userId}`;
    this.#state = this.#load();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly snapshot = (): ConversationState => this.#state;

  update(change: (state: ConversationState) => ConversationState): void {
    const next = change(this.#state);
    this.#state = { ...next, conversations: next.conversations.slice(0, maxConversations) };
    try {
      if (this.#generation === generation) localStorage.setItem(this.#key, JSON.stringify(this.#state));
    } catch {
      // A full storage quota keeps the conversation in memory for this visit.
    }
    for (const listener of this.#listeners) listener();
  }

  updateConversation(id: string, change: (conversation: Conversation) => Conversation): void {
    this.update((state) => ({
      ...state,
      conversations: state.conversations.map((c) => (c.id === id ? change(c) : c)),
    }));
  }

  updateAnswer(conversationId: string, turnId: string, change: (answer: AnswerState) => AnswerState): void {
    this.updateConversation(conversationId, (conversation) => ({
      ...conversation,
      turns: conversation.turns.map((turn) =>
        turn.id === turnId ? { ...turn, answer: change(turn.answer) } : turn,
      ),
    }));
  }

  #load(): ConversationState {
    try {
      const parsed = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as ConversationState | null;
      if (parsed && Array.isArray(parsed.conversations)) return parsed;
    } catch {
      // Unreadable storage starts afresh.
    }
    return { conversations: [] };
  }
}
