import { hash } from 'node:crypto';

/** What the server keeps for a logged-in browser. The token never leaves this process. */
export interface Session {
  token: string;
  tokenExpiresAt: number;
  user: { id: string; name: string };
  domain: { id: string; name: string };
  project: { id: string; name: string };
  /** IAM role names of the token (absent in sessions stored before roles were kept: no rights). */
  roles?: string[];
  createdAt: number;
  lastSeenAt: number;
}

/**
 * A session is active until `expiresAt` (ms since epoch), the end its policy gives it; `count` counts only
 * those. The record itself is kept until its token expires (`keptUntil`), and `get` answers it until then: a
 * browser that comes back after its session ended lets the console revoke the token it no longer uses, which
 * otherwise stays good at IAM for the rest of its lifetime.
 */
export interface SessionStore {
  get(id: string): Promise<Session | undefined>;
  /** Stores the session, active until `expiresAt`. */
  set(id: string, session: Session, expiresAt: number): Promise<void>;
  /**
   * Rewrites a session only while it still exists, and says whether it did: a request that loaded the session
   * before a log-out must not bring it back when it writes afterwards.
   */
  update(id: string, session: Session, expiresAt: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  count(): Promise<number>;
}

/** When a record may go: once both the session and its token are over. */
export function keptUntil(session: Session, expiresAt: number): number {
  return Math.max(expiresAt, session.tokenExpiresAt);
}

/** Sessions are stored under a hash of their id, so a dump of the store holds no usable cookie. */
export function storageKey(id: string): string {
  return hash('sha256', id, 'base64url');
}

export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, { session: Session; expiresAt: number; keptUntil: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(id: string): Promise<Session | undefined> {
    const key = storageKey(id);
    const entry = this.#sessions.get(key);
    if (!entry) return Promise.resolve(undefined);
    if (entry.keptUntil <= this.#now()) {
      this.#sessions.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(entry.session);
  }

  set(id: string, session: Session, expiresAt: number): Promise<void> {
    this.#sessions.set(storageKey(id), { session, expiresAt, keptUntil: keptUntil(session, expiresAt) });
    return Promise.resolve();
  }

  update(id: string, session: Session, expiresAt: number): Promise<boolean> {
    const key = storageKey(id);
    const entry = this.#sessions.get(key);
    if (!entry || entry.keptUntil <= this.#now()) return Promise.resolve(false);
    this.#sessions.set(key, { session, expiresAt, keptUntil: keptUntil(session, expiresAt) });
    return Promise.resolve(true);
  }

  delete(id: string): Promise<void> {
    this.#sessions.delete(storageKey(id));
    return Promise.resolve();
  }

  count(): Promise<number> {
    const now = this.#now();
    let active = 0;
    for (const [key, entry] of this.#sessions) {
      if (entry.keptUntil <= now) this.#sessions.delete(key);
      else if (entry.expiresAt > now) active += 1;
    }
    return Promise.resolve(active);
  }
}
