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

/**
 * Why a turn was not appended or its answer not replaced: no such conversation, its turns all taken, or a byte
 * budget (`conversationLimits`, and the process's own) spent.
 */
export type AppendRefusal = 'missing' | 'full' | BudgetRefusal;
export type BudgetRefusal = 'conversation-bytes' | 'user-bytes' | 'process-bytes';

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
  updateTurn(
    owner: string,
    id: string,
    turnId: string,
    answer: StoredAnswer,
  ): Promise<Turn | undefined | BudgetRefusal>;
}

export const conversationTtlMs = conversationLimits.keepDays * 24 * 3_600_000;

/**
 * What one process keeps of all users' conversations, stored as JSON: 32 users at their full budget. The heap
 * holds each byte about once (twice for text outside Latin-1), so the process stays within some 600 MB.
 */
export const defaultProcessBytes = 256 * 1_048_576;

/** Most recently used first. */
export const byRecentUse = (a: ConversationSummary, b: ConversationSummary) =>
  b.updated_at - a.updated_at || a.id.localeCompare(b.id);

/** A conversation as one process keeps it: each turn as its JSON text, which costs about its size in memory. */
interface KeptConversation {
  summary: ConversationSummary;
  turns: string[];
  bytes: number;
}

/**
 * One BFF process: conversations live as long as the process. Turns are kept as text, not as parsed objects: a
 * turn of many empty objects would otherwise cost some twenty times its size, and `processBytes` bounds the text.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly #owners = new Map<string, Map<string, KeptConversation>>();
  readonly #now: () => number;
  readonly #processBytes: number;
  #bytes = 0;

  constructor(options: { now?: () => number; processBytes?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#processBytes = options.processBytes ?? defaultProcessBytes;
  }

  list(owner: string): Promise<ConversationSummary[]> {
    const summaries = [...this.#live(owner).values()].map((kept) => ({ ...kept.summary }));
    return Promise.resolve(summaries.sort(byRecentUse));
  }

  get(owner: string, id: string): Promise<Conversation | undefined> {
    const kept = this.#live(owner).get(id);
    if (!kept) return Promise.resolve(undefined);
    return Promise.resolve({ ...kept.summary, turns: kept.turns.map((turn) => JSON.parse(turn) as Turn) });
  }

  create(owner: string, conversation: Omit<ConversationSummary, 'turn_count'>): Promise<ConversationSummary> {
    const conversations = this.#live(owner);
    conversations.set(conversation.id, { summary: { ...conversation, turn_count: 0 }, turns: [], bytes: 0 });
    const oldestFirst = [...conversations.values()]
      .map((kept) => kept.summary)
      .sort(byRecentUse)
      .reverse();
    for (const old of oldestFirst.slice(0, Math.max(0, conversations.size - conversationLimits.perUser))) {
      this.#delete(conversations, old.id);
    }
    this.#owners.set(owner, conversations);
    return Promise.resolve({ ...conversation, turn_count: 0 });
  }

  update(owner: string, id: string, change: ConversationChange): Promise<ConversationSummary | undefined> {
    const kept = this.#live(owner).get(id);
    if (!kept) return Promise.resolve(undefined);
    Object.assign(kept.summary, change, { updated_at: this.#now() });
    return Promise.resolve({ ...kept.summary });
  }

  remove(owner: string, id: string): Promise<boolean> {
    return Promise.resolve(this.#delete(this.#live(owner), id));
  }

  appendTurn(owner: string, id: string, turn: Turn): Promise<Turn | AppendRefusal> {
    const conversations = this.#live(owner);
    const kept = conversations.get(id);
    if (!kept) return Promise.resolve('missing');
    if (kept.turns.length >= conversationLimits.turns) return Promise.resolve('full');
    const text = JSON.stringify(turn);
    const refusal = this.#overBudget(conversations, kept, Buffer.byteLength(text));
    if (refusal) return Promise.resolve(refusal);
    kept.turns.push(text);
    this.#grow(kept, Buffer.byteLength(text));
    kept.summary.turn_count = kept.turns.length;
    kept.summary.updated_at = this.#now();
    return Promise.resolve(turn);
  }

  updateTurn(
    owner: string,
    id: string,
    turnId: string,
    answer: StoredAnswer,
  ): Promise<Turn | undefined | BudgetRefusal> {
    const conversations = this.#live(owner);
    const kept = conversations.get(id);
    const index = kept?.turns.findIndex((text) => (JSON.parse(text) as Turn).id === turnId) ?? -1;
    if (!kept || index < 0) return Promise.resolve(undefined);
    const turn: Turn = { ...(JSON.parse(kept.turns[index]!) as Turn), answer };
    const text = JSON.stringify(turn);
    const growth = Buffer.byteLength(text) - Buffer.byteLength(kept.turns[index]!);
    const refusal = this.#overBudget(conversations, kept, growth);
    if (refusal) return Promise.resolve(refusal);
    kept.turns[index] = text;
    this.#grow(kept, growth);
    kept.summary.updated_at = this.#now();
    return Promise.resolve(turn);
  }

  /** The budget `growth` more bytes would pass, if any. */
  #overBudget(
    conversations: Map<string, KeptConversation>,
    kept: KeptConversation,
    growth: number,
  ): BudgetRefusal | undefined {
    if (growth <= 0) return undefined;
    if (kept.bytes + growth > conversationLimits.conversationBytes) return 'conversation-bytes';
    const userBytes = [...conversations.values()].reduce((sum, c) => sum + c.bytes, 0);
    if (userBytes + growth > conversationLimits.userBytes) return 'user-bytes';
    if (this.#bytes + growth > this.#processBytes) return 'process-bytes';
    return undefined;
  }

  #grow(kept: KeptConversation, growth: number): void {
    kept.bytes += growth;
    this.#bytes += growth;
  }

  #delete(conversations: Map<string, KeptConversation>, id: string): boolean {
    const kept = conversations.get(id);
    if (!kept) return false;
    this.#bytes -= kept.bytes;
    return conversations.delete(id);
  }

  /** The owner's conversations, those unused for longer than the retention forgotten first. */
  #live(owner: string): Map<string, KeptConversation> {
    const conversations = this.#owners.get(owner) ?? new Map<string, KeptConversation>();
    const oldest = this.#now() - conversationTtlMs;
    for (const [id, kept] of conversations) {
      if (kept.summary.updated_at <= oldest) this.#delete(conversations, id);
    }
    if (conversations.size === 0) this.#owners.delete(owner);
    return conversations;
  }
}
