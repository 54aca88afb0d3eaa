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
  /** Who the identity provider signed in, for a session started by single sign-on (its log-outs end the session). */
  sso?: { issuer: string; subject: string; sessionId?: string };
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
  /**
   * Ends every session stored under one of these single sign-on keys (`ssoKeys`), whoever holds their cookies, and
   * says how many: the identity provider's back-channel log-out names a person or their session, never a cookie.
   */
  deleteSignedIn(keys: string[]): Promise<number>;
}

/**
 * The keys a single sign-on session is found by: the provider's session id, when it gave one, and the person. A
 * log-out token names one of them (OpenID Connect Back-Channel Logout 1.0, section 2.4).
 */
export function ssoKeys(sso: { issuer: string; subject?: string; sessionId?: string }): string[] {
  const keys = [];
  if (sso.sessionId) keys.push(hash('sha256', `sid ${sso.issuer} ${sso.sessionId}`, 'base64url'));
  if (sso.subject) keys.push(hash('sha256', `sub ${sso.issuer} ${sso.subject}`, 'base64url'));
  return keys;
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
  readonly #signedIn = new Map<string, Set<string>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(id: string): Promise<Session | undefined> {
    const key = storageKey(id);
    const entry = this.#sessions.get(key);
    if (!entry) return Promise.resolve(undefined);
    if (entry.keptUntil <= this.#now()) {
      this.#forget(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(entry.session);
  }

  set(id: string, session: Session, expiresAt: number): Promise<void> {
    const key = storageKey(id);
    this.#sessions.set(key, { session, expiresAt, keptUntil: keptUntil(session, expiresAt) });
    for (const ssoKey of session.sso ? ssoKeys(session.sso) : []) {
      this.#signedIn.set(ssoKey, (this.#signedIn.get(ssoKey) ?? new Set()).add(key));
    }
    return Promise.resolve();
  }

  deleteSignedIn(keys: string[]): Promise<number> {
    let ended = 0;
    for (const ssoKey of keys) {
      for (const key of this.#signedIn.get(ssoKey) ?? []) if (this.#sessions.delete(key)) ended += 1;
      this.#signedIn.delete(ssoKey);
    }
    return Promise.resolve(ended);
  }

  update(id: string, session: Session, expiresAt: number): Promise<boolean> {
    const key = storageKey(id);
    const entry = this.#sessions.get(key);
    if (!entry || entry.keptUntil <= this.#now()) return Promise.resolve(false);
    this.#sessions.set(key, { session, expiresAt, keptUntil: keptUntil(session, expiresAt) });
    return Promise.resolve(true);
  }

  delete(id: string): Promise<void> {
    this.#forget(storageKey(id));
    return Promise.resolve();
  }

  /** Drops a record and its place in the single sign-on index, which would otherwise grow with every sign-in. */
  #forget(key: string): void {
    const session = this.#sessions.get(key)?.session;
    this.#sessions.delete(key);
    for (const ssoKey of session?.sso ? ssoKeys(session.sso) : []) {
      const keys = this.#signedIn.get(ssoKey);
      keys?.delete(key);
      if (keys?.size === 0) this.#signedIn.delete(ssoKey);
    }
  }

  count(): Promise<number> {
    const now = this.#now();
    let active = 0;
    for (const [key, entry] of this.#sessions) {
      if (entry.keptUntil <= now) this.#forget(key);
      else if (entry.expiresAt > now) active += 1;
    }
    return Promise.resolve(active);
  }
}
