/** One event of an answer as the browser receives it: its sequence number and its SSE payload. */
export interface AnswerEvent {
  seq: number;
  /** SSE event name; `message` for DBMind's own events. */
  event: string;
  data: string;
}

export interface AnswerMeta {
  owner: string;
  createdAt: number;
}

export type AnswerListener = (event: AnswerEvent | 'end') => void;

/**
 * Keeps the events of running and recent answers, so a browser whose connection dropped can resume
 * with `Last-Event-ID`. Bounded: old answers expire and each answer keeps at most `maxEvents`.
 */
export interface AnswerStore {
  create(id: string, meta: AnswerMeta): Promise<void>;
  meta(id: string): Promise<AnswerMeta | undefined>;
  append(id: string, event: Omit<AnswerEvent, 'seq'>): Promise<AnswerEvent>;
  finish(id: string): Promise<void>;
  /** Events after `afterSeq` and whether the answer has ended. */
  read(id: string, afterSeq: number): Promise<{ events: AnswerEvent[]; ended: boolean }>;
  /** Live events from now on; returns the unsubscribe function. */
  subscribe(id: string, listener: AnswerListener): Promise<() => void>;
}

interface Entry {
  meta: AnswerMeta;
  events: AnswerEvent[];
  nextSeq: number;
  ended: boolean;
  listeners: Set<AnswerListener>;
  expiresAt: number;
}

export class MemoryAnswerStore implements AnswerStore {
  readonly #answers = new Map<string, Entry>();
  readonly #maxEvents: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { maxEvents?: number; ttlMs?: number; now?: () => number } = {}) {
    this.#maxEvents = options.maxEvents ?? 1000;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  create(id: string, meta: AnswerMeta): Promise<void> {
    this.#sweep();
    this.#answers.set(id, {
      meta,
      events: [],
      nextSeq: 1,
      ended: false,
      listeners: new Set(),
      expiresAt: this.#now() + this.#ttlMs,
    });
    return Promise.resolve();
  }

  meta(id: string): Promise<AnswerMeta | undefined> {
    return Promise.resolve(this.#entry(id)?.meta);
  }

  append(id: string, event: Omit<AnswerEvent, 'seq'>): Promise<AnswerEvent> {
    const entry = this.#entry(id);
    if (!entry) return Promise.reject(new Error(`answer ${id} does not exist`));
    const stored = { ...event, seq: entry.nextSeq++ };
    entry.events.push(stored);
    if (entry.events.length > this.#maxEvents) entry.events.shift();
    entry.expiresAt = this.#now() + this.#ttlMs;
    for (const listener of entry.listeners) listener(stored);
    return Promise.resolve(stored);
  }

  finish(id: string): Promise<void> {
    const entry = this.#entry(id);
    if (entry && !entry.ended) {
      entry.ended = true;
      for (const listener of entry.listeners) listener('end');
      entry.listeners.clear();
    }
    return Promise.resolve();
  }

  read(id: string, afterSeq: number): Promise<{ events: AnswerEvent[]; ended: boolean }> {
    const entry = this.#entry(id);
    if (!entry) return Promise.resolve({ events: [], ended: true });
    return Promise.resolve({ events: entry.events.filter((e) => e.seq > afterSeq), ended: entry.ended });
  }

  subscribe(id: string, listener: AnswerListener): Promise<() => void> {
    const entry = this.#entry(id);
    if (!entry || entry.ended) {
      listener('end');
      return Promise.resolve(() => undefined);
    }
    entry.listeners.add(listener);
    return Promise.resolve(() => entry.listeners.delete(listener));
  }

  #entry(id: string): Entry | undefined {
    const entry = this.#answers.get(id);
    if (entry && entry.expiresAt <= this.#now() && entry.listeners.size === 0) {
      this.#answers.delete(id);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, entry] of this.#answers) {
      if (entry.expiresAt <= now && entry.listeners.size === 0) this.#answers.delete(id);
    }
  }
}
