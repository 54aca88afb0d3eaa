import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import { open, seal } from './session-seal.ts';
import { keptUntil, ssoKeys, storageKey, type Session, type SessionStore } from './session-store.ts';

const prefix = 'dws-console:session:';

/**
 * The client every BFF process uses. A command fails after two reconnection attempts or two seconds
 * instead of queueing while Redis is away, so a request answers 503 rather than hanging. `rediss://`
 * speaks TLS, verified against `ca` when given (else the system's trust); a password in the URL is sent
 * with AUTH (`rediss://:password@host:6380` or `rediss://user:password@host:6380` for an ACL user).
 */
export function connectRedis(url: string, options: { ca?: Buffer } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 2,
    commandTimeout: 2000,
    ...(url.startsWith('rediss://') ? { tls: { ...(options.ca ? { ca: options.ca } : {}) } } : {}),
  });
}

function unavailable(): HttpError {
  return new HttpError(
    503,
    bffErrorCodes.sessionStoreUnavailable,
    'The session store cannot be reached. Try again in a moment.',
  );
}

const orThrowUnavailable = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch(() => {
    throw unavailable();
  });

/** Expiry by storage key, so counting sessions is one sorted-set count instead of a scan of every key. */
const indexKey = 'dws-console:sessions';
/** The sessions a person signed in by single sign-on holds, by `ssoKeys`: storage keys, never cookies. */
const signedInPrefix = 'dws-console:sso:';

/** Every write to a session names its storage key here (`*` for all of them), for the other processes' caches. */
const changedChannel = 'dws-console:session-changed';
/** Enough for every browser a process serves at once; the oldest opened record goes first beyond it. */
const cachedSessions = 10_000;

export interface SessionCacheOptions {
  /**
   * How long a process answers a record it opened without reading Redis again: the longest another process's
   * log-out, project switch or single sign-on log-out can go unseen here when its message is lost.
   */
  ttlMs: number;
  now?: () => number;
}

/**
 * Sessions in Redis, so every BFF process behind a load balancer knows every session. Each key expires by
 * itself once the session and its token are over (PXAT); the index counts it until the session's end. The
 * key is a hash of the cookie, and the record is sealed with a key derived from the cookie (session-seal.ts):
 * Redis holds neither a usable cookie nor a readable token.
 *
 * With `cache`, a process keeps the records it opened for `ttlMs`, since reading, deriving a key and opening a
 * record on every request cost more than relaying the request (decision 035). Every write publishes the key it
 * changed in the same transaction, and each process drops that key from its cache when the message comes; a
 * process that loses its subscription drops everything and reads Redis until it is subscribed again.
 */
export class RedisSessionStore implements SessionStore {
  readonly #cache = new Map<string, { session: Session; until: number }>();
  readonly #origin = randomUUID();
  readonly #subscriber: Redis | undefined;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #isListening = false;
  /** Moves at every invalidation, so a read that was under way when one came is not cached. */
  #generation = 0;

  constructor(
    private readonly redis: Redis,
    cache?: SessionCacheOptions,
  ) {
    this.#ttlMs = cache?.ttlMs ?? 0;
    this.#now = cache?.now ?? Date.now;
    if (this.#ttlMs > 0) this.#subscriber = this.#listen();
  }

  /** Whether the next `get` of this session would be answered without Redis. */
  isCached(id: string): boolean {
    const cached = this.#cache.get(storageKey(id));
    return this.#isListening && cached !== undefined && cached.until > this.#now();
  }

  /** Ends the cache's subscription (the store's own client is its owner's to close). */
  close(): void {
    this.#subscriber?.disconnect();
  }

  async get(id: string): Promise<Session | undefined> {
    const hashed = storageKey(id);
    const cached = this.#cache.get(hashed);
    if (cached && this.#isListening && cached.until > this.#now()) return { ...cached.session };
    const generation = this.#generation;
    const key = prefix + hashed;
    const value = await orThrowUnavailable(this.redis.get(key));
    const plaintext = value ? open(id, value, key) : undefined;
    const session = plaintext ? (JSON.parse(plaintext) as Session) : undefined;
    if (session && generation === this.#generation) this.#remember(hashed, session);
    return session;
  }

  async set(id: string, session: Session, expiresAt: number): Promise<void> {
    await this.#write(id, session, expiresAt, false);
  }

  async update(id: string, session: Session, expiresAt: number): Promise<boolean> {
    return this.#write(id, session, expiresAt, true);
  }

  async delete(id: string): Promise<void> {
    const key = storageKey(id);
    this.#forget(key);
    await orThrowUnavailable(
      this.redis
        .multi()
        .del(prefix + key)
        .zrem(indexKey, key)
        .publish(changedChannel, this.#changed(key))
        .exec(),
    );
  }

  async deleteSignedIn(keys: string[]): Promise<number> {
    const members = await orThrowUnavailable(
      Promise.all(keys.map((key) => this.redis.smembers(signedInPrefix + key))),
    );
    const stored = [...new Set(members.flat())];
    const transaction = this.redis.multi();
    for (const key of stored) transaction.del(prefix + key).zrem(indexKey, key);
    for (const key of keys) transaction.del(signedInPrefix + key);
    // Rare enough that every process dropping its whole cache costs less than keeping an index of it by person.
    this.#forget('*');
    transaction.publish(changedChannel, this.#changed('*'));
    const results = (await orThrowUnavailable(transaction.exec())) ?? [];
    // Each stored session gave two answers (DEL, ZREM): the DEL tells whether it was still there.
    return stored.filter((_, i) => results[i * 2]?.[1] === 1).length;
  }

  async count(): Promise<number> {
    const [, counted] = await orThrowUnavailable(
      this.redis.multi().zremrangebyscore(indexKey, '-inf', Date.now()).zcard(indexKey).exec(),
    ).then((results) => results ?? []);
    return Number(counted?.[1] ?? 0);
  }

  async #write(id: string, session: Session, expiresAt: number, onlyIfPresent: boolean): Promise<boolean> {
    const key = storageKey(id);
    const at = Math.max(expiresAt, Date.now() + 1);
    const kept = keptUntil(session, at);
    const sealed = seal(id, JSON.stringify(session), prefix + key);
    this.#forget(key);
    const written = onlyIfPresent
      ? await orThrowUnavailable(this.redis.set(prefix + key, sealed, 'PXAT', kept, 'XX'))
      : await orThrowUnavailable(this.redis.set(prefix + key, sealed, 'PXAT', kept));
    if (written !== 'OK') return false;
    // The indexes live as long as their longest session, so nothing here stays in Redis for good.
    const transaction = this.redis
      .multi()
      .zadd(indexKey, at, key)
      .pexpireat(indexKey, at, 'NX')
      .pexpireat(indexKey, at, 'GT')
      .publish(changedChannel, this.#changed(key));
    for (const ssoKey of session.sso ? ssoKeys(session.sso) : []) {
      transaction
        .sadd(signedInPrefix + ssoKey, key)
        .pexpireat(signedInPrefix + ssoKey, kept, 'NX')
        .pexpireat(signedInPrefix + ssoKey, kept, 'GT');
    }
    await orThrowUnavailable(transaction.exec());
    return true;
  }

  #listen(): Redis {
    const subscriber = this.redis.duplicate();
    // Its failures show as the store's own: this connection only tells when the cache can be trusted.
    subscriber.on('error', () => undefined);
    subscriber.on('close', () => {
      this.#isListening = false;
      this.#forget('*');
    });
    subscriber.on('message', (_channel: string, message: string) => {
      const [origin, key = '*'] = message.split(' ');
      if (origin !== this.#origin) this.#forget(key);
    });
    // Subscribing at every connection, not only the first: the cache is trusted again once Redis confirms it.
    subscriber.on('ready', () => {
      subscriber.subscribe(changedChannel).then(
        () => {
          this.#isListening = true;
        },
        () => undefined,
      );
    });
    return subscriber;
  }

  #changed(key: string): string {
    return `${this.#origin} ${key}`;
  }

  #remember(key: string, session: Session): void {
    if (!this.#isListening) return;
    this.#cache.delete(key);
    this.#cache.set(key, { session: { ...session }, until: this.#now() + this.#ttlMs });
    if (this.#cache.size > cachedSessions) this.#cache.delete(this.#cache.keys().next().value as string);
  }

  #forget(key: string): void {
    this.#generation += 1;
    if (key === '*') this.#cache.clear();
    else this.#cache.delete(key);
  }
}

/** Readiness: Redis answers PING. */
export function redisProbe(redis: Redis): () => Promise<boolean> {
  return async () => {
    try {
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  };
}
