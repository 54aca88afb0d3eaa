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

/**
 * Sessions in Redis, so every BFF process behind a load balancer knows every session. Each key expires by
 * itself once the session and its token are over (PXAT); the index counts it until the session's end. The
 * key is a hash of the cookie, and the record is sealed with a key derived from the cookie (session-seal.ts):
 * Redis holds neither a usable cookie nor a readable token.
 */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis) {}

  async get(id: string): Promise<Session | undefined> {
    const key = prefix + storageKey(id);
    const value = await orThrowUnavailable(this.redis.get(key));
    const plaintext = value ? open(id, value, key) : undefined;
    return plaintext ? (JSON.parse(plaintext) as Session) : undefined;
  }

  async set(id: string, session: Session, expiresAt: number): Promise<void> {
    await this.#write(id, session, expiresAt, false);
  }

  async update(id: string, session: Session, expiresAt: number): Promise<boolean> {
    return this.#write(id, session, expiresAt, true);
  }

  async delete(id: string): Promise<void> {
    const key = storageKey(id);
    await orThrowUnavailable(
      this.redis
        .multi()
        .del(prefix + key)
        .zrem(indexKey, key)
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
    const written = onlyIfPresent
      ? await orThrowUnavailable(this.redis.set(prefix + key, sealed, 'PXAT', kept, 'XX'))
      : await orThrowUnavailable(this.redis.set(prefix + key, sealed, 'PXAT', kept));
    if (written !== 'OK') return false;
    // The indexes live as long as their longest session, so nothing here stays in Redis for good.
    const transaction = this.redis
      .multi()
      .zadd(indexKey, at, key)
      .pexpireat(indexKey, at, 'NX')
      .pexpireat(indexKey, at, 'GT');
    for (const ssoKey of session.sso ? ssoKeys(session.sso) : []) {
      transaction
        .sadd(signedInPrefix + ssoKey, key)
        .pexpireat(signedInPrefix + ssoKey, kept, 'NX')
        .pexpireat(signedInPrefix + ssoKey, kept, 'GT');
    }
    await orThrowUnavailable(transaction.exec());
    return true;
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
