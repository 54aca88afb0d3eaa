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
 * How long an answer's runner may stay silent before the answer counts as abandoned (its process
 * died): the runner renews its lease three times within it, watchers elsewhere check as often.
 */
export const answerLeaseMs = 6_000;

/**
 * What a BFF process that does not run an answer tells the one that does: stop it (the stop button),
 * or a browser watches it here, so keep it running (a lease, renewed while the browser stays).
 */
export type AnswerSignal = 'stop' | 'watching';

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
  /** Tells the process running the answer; a no-op when nobody runs it. */
  signal(id: string, signal: AnswerSignal): Promise<void>;
  /** The process running an answer listens for signals; returns the function that stops listening. */
  onSignal(id: string, listener: (signal: AnswerSignal) => void): Promise<() => void>;
  /** The process running an answer says it still does, for another `answerLeaseMs`. */
  renewLease(id: string): Promise<void>;
  /**
   * Ends an answer with `events` when its lease ran out before it ended; true when this call ended it.
   * Atomic: of several processes that notice, one ends it.
   */
  endIfAbandoned(id: string, events: Omit<AnswerEvent, 'seq'>[]): Promise<boolean>;
}

interface Entry {
  meta: AnswerMeta;
  events: AnswerEvent[];
  nextSeq: number;
  ended: boolean;
  listeners: Set<AnswerListener>;
  expiresAt: number;
}

/** One BFF process: the answer's runner is always in this process, so signals stay in it too. */
export class MemoryAnswerStore implements AnswerStore {
  readonly #answers = new Map<string, Entry>();
  readonly #signalListeners = new Map<string, Set<(signal: AnswerSignal) => void>>();
  readonly #maxEvents: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(options: { maxEvents?: number; ttlMs?: number; now?: () => number } = {}) {
    this.#maxEvents = options.maxEvents ?? 1000;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Answers held right now, expired ones not yet swept included: what this store costs in memory. */
  get size(): number {
    return this.#answers.size;
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
    const stored: AnswerEvent = { seq: entry.nextSeq++, event: event.event, data: event.data };
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

  signal(id: string, signal: AnswerSignal): Promise<void> {
    for (const listener of this.#signalListeners.get(id) ?? []) listener(signal);
    return Promise.resolve();
  }

  onSignal(id: string, listener: (signal: AnswerSignal) => void): Promise<() => void> {
    const listeners = this.#signalListeners.get(id) ?? new Set();
    listeners.add(listener);
    this.#signalListeners.set(id, listeners);
    return Promise.resolve(() => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#signalListeners.delete(id);
    });
  }

  /** The runner lives in this process: while the process lives, so does the lease. */
  renewLease(): Promise<void> {
    return Promise.resolve();
  }

  endIfAbandoned(): Promise<boolean> {
    return Promise.resolve(false);
  }

  #entry(id: string): Entry | undefined {
    const entry = this.#answers.get(id);
    if (entry && entry.expiresAt <= this.#now() && entry.listeners.size === 0) {
      this.#answers.delete(id);
      return undefined;
    }
    return entry;
  }

  /**
   * Drops expired answers, at most once a tenth of their time to live: a sweep walks every answer held, and
   * walking them for every new question costs the event loop as much as the answers held (thousands of streams).
   */
  #sweep(): void {
    const now = this.#now();
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + this.#ttlMs / 10;
    for (const [id, entry] of this.#answers) {
      if (entry.expiresAt <= now && entry.listeners.size === 0) this.#answers.delete(id);
    }
  }
}
