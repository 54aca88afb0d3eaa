import {
  conversationLimits,
  type Conversation,
  type ConversationSummary,
  type StoredAnswer,
  type Turn,
} from '@dws-console/shared';

/** What a rename or a settings change may touch. */
export type ConversationChange = Partial<
  Pick<ConversationSummary, 'title' | 'mode' | 'history_len' | 'model' | 'instance'>
>;

/** Why a turn was not appended. */
export type AppendRefusal = 'missing' | 'full';

/**
 * A user's conversations with the assistant, kept by the BFF (decision 025). `owner` is the session's DBMind
 * user id, so one IAM user finds the same conversations in every browser, and nobody else's.
 * Bounded: `conversationLimits.perUser` conversations (creating one more forgets the least recently used), each
 * forgotten `keepDays` after its last change, at most `turns` turns each.
 */
export interface ConversationStore {
  list(owner: string): Promise<ConversationSummary[]>;
  get(owner: string, id: string): Promise<Conversation | undefined>;
  create(owner: string, conversation: Omit<ConversationSummary, 'turn_count'>): Promise<ConversationSummary>;
  update(owner: string, id: string, change: ConversationChange): Promise<ConversationSummary | undefined>;
  remove(owner: string, id: string): Promise<boolean>;
  appendTurn(owner: string, id: string, turn: Turn): Promise<Turn | AppendRefusal>;
  updateTurn(owner: string, id: string, turnId: string, answer: StoredAnswer): Promise<Turn | undefined>;
}

export const conversationTtlMs = conversationLimits.keepDays * 24 * 3_600_000;

/** Most recently used first. */
export const byRecentUse = (a: ConversationSummary, b: ConversationSummary) =>
  b.updated_at - a.updated_at || a.id.localeCompare(b.id);

/** One BFF process: conversations live as long as the process. */
export class MemoryConversationStore implements ConversationStore {
  readonly #owners = new Map<string, Map<string, Conversation>>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  list(owner: string): Promise<ConversationSummary[]> {
    const summaries = [...this.#live(owner).values()].map(({ turns: _, ...summary }) => summary);
    return Promise.resolve(summaries.sort(byRecentUse));
  }

  get(owner: string, id: string): Promise<Conversation | undefined> {
    return Promise.resolve(structuredClone(this.#live(owner).get(id)));
  }

  create(owner: string, conversation: Omit<ConversationSummary, 'turn_count'>): Promise<ConversationSummary> {
    const conversations = this.#live(owner);
    const stored: Conversation = { ...conversation, turn_count: 0, turns: [] };
    conversations.set(stored.id, stored);
    const oldestFirst = [...conversations.values()].sort(byRecentUse).reverse();
    for (const old of oldestFirst.slice(0, Math.max(0, conversations.size - conversationLimits.perUser))) {
      conversations.delete(old.id);
    }
    this.#owners.set(owner, conversations);
    return Promise.resolve({ ...conversation, turn_count: 0 });
  }

  update(owner: string, id: string, change: ConversationChange): Promise<ConversationSummary | undefined> {
    const conversation = this.#live(owner).get(id);
    if (!conversation) return Promise.resolve(undefined);
    Object.assign(conversation, change, { updated_at: this.#now() });
    const { turns: _, ...summary } = conversation;
    return Promise.resolve({ ...summary });
  }

  remove(owner: string, id: string): Promise<boolean> {
    return Promise.resolve(this.#live(owner).delete(id));
  }

  appendTurn(owner: string, id: string, turn: Turn): Promise<Turn | AppendRefusal> {
    const conversation = this.#live(owner).get(id);
    if (!conversation) return Promise.resolve('missing');
    if (conversation.turns.length >= conversationLimits.turns) return Promise.resolve('full');
    conversation.turns.push(structuredClone(turn));
    conversation.turn_count = conversation.turns.length;
    conversation.updated_at = this.#now();
    return Promise.resolve(turn);
  }

  updateTurn(owner: string, id: string, turnId: string, answer: StoredAnswer): Promise<Turn | undefined> {
    const conversation = this.#live(owner).get(id);
    const turn = conversation?.turns.find((t) => t.id === turnId);
    if (!conversation || !turn) return Promise.resolve(undefined);
    turn.answer = structuredClone(answer);
    conversation.updated_at = this.#now();
    return Promise.resolve(structuredClone(turn));
  }

  /** The owner's conversations, those unused for longer than the retention forgotten first. */
  #live(owner: string): Map<string, Conversation> {
    const conversations = this.#owners.get(owner) ?? new Map<string, Conversation>();
    const oldest = this.#now() - conversationTtlMs;
    for (const [id, conversation] of conversations) {
      if (conversation.updated_at <= oldest) conversations.delete(id);
    }
    if (conversations.size === 0) this.#owners.delete(owner);
    return conversations;
  }
}
