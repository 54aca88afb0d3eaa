/** One question and the assistant's answer; `functionCall` when a tool was called with these arguments. */
export interface Turn {
  question: string;
  answer: string;
  functionCall?: { tool: string; arguments: Record<string, unknown> };
}

interface SessionState {
  llm?: string;
  instance?: string;
  /** The tool chosen by an earlier message that still waits for parameters. */
  pendingTool?: string;
  turns: Turn[];
}

interface UserState {
  llm?: string;
  instance?: string;
}

/** `history_len` is at most 3, so no session needs more turns than that. */
const keptTurns = 3;

/**
 * Per-session chat state, as GaussMaster keeps it in memory: the chosen model and cluster (falling back to the
 * user's last choice, then to the defaults), the pending tool and the last turns. Bounded: the least recently
 * used sessions and users are forgotten first.
 */
export class SessionStore {
  readonly #sessions = new Map<string, SessionState>();
  readonly #users = new Map<string, UserState>();
  readonly #maxSessions: number;

  constructor(options: { maxSessions?: number } = {}) {
    this.#maxSessions = options.maxSessions ?? 2000;
  }

  #touch<T>(map: Map<string, T>, key: string, create: () => T): T {
    const existing = map.get(key);
    const value = existing ?? create();
    map.delete(key);
    map.set(key, value);
    while (map.size > this.#maxSessions) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
    return value;
  }

  #session(userId: string, sessionId: string): SessionState {
    return this.#touch(this.#sessions, `${userId}\u0000${sessionId}`, () => ({ turns: [] }));
  }

  #user(userId: string): UserState {
    return this.#touch(this.#users, userId, () => ({}));
  }

  llmFor(userId: string, sessionId: string): string | undefined {
    return this.#session(userId, sessionId).llm ?? this.#user(userId).llm;
  }

  setLlm(userId: string, sessionId: string, name: string): void {
    this.#session(userId, sessionId).llm = name;
    this.#user(userId).llm = name;
  }

  instanceFor(userId: string, sessionId: string): string | undefined {
    return this.#session(userId, sessionId).instance ?? this.#user(userId).instance;
  }

  setInstance(userId: string, sessionId: string, instance: string): void {
    this.#session(userId, sessionId).instance = instance;
    this.#user(userId).instance = instance;
  }

  pendingTool(userId: string, sessionId: string): string | undefined {
    return this.#session(userId, sessionId).pendingTool;
  }

  setPendingTool(userId: string, sessionId: string, tool: string | undefined): void {
    this.#session(userId, sessionId).pendingTool = tool;
  }

  /** The last `count` turns, oldest first. */
  recentTurns(userId: string, sessionId: string, count: number): Turn[] {
    const turns = this.#session(userId, sessionId).turns;
    return turns.slice(Math.max(0, turns.length - count));
  }

  addTurn(userId: string, sessionId: string, turn: Turn): void {
    const session = this.#session(userId, sessionId);
    session.turns.push(turn);
    if (session.turns.length > keptTurns) session.turns.splice(0, session.turns.length - keptTurns);
  }
}
