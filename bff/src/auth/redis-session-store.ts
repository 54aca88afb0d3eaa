import { Redis } from 'ioredis';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import { storageKey, type Session, type SessionStore } from './session-store.ts';

const prefix = 'dws-console:session:';

/**
 * The client every BFF process uses. A command fails after two reconnection attempts or two seconds
 * instead of queueing while Redis is away, so a request answers 503 rather than hanging.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 2000 });
}

function unavailable(): HttpError {
  return new HttpError(
    503,
    bffErrorCodes.sessionStoreUnavailable,
    'The session store cannot be reached. Try again in a moment.',
  );
}

/**
 * Sessions in Redis, so every BFF process behind a load balancer knows every session. Each key
 * expires by itself at the session's end (PXAT); the key is a hash of the cookie, never the cookie.
 */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis) {}

  async get(id: string): Promise<Session | undefined> {
    const value = await this.redis.get(prefix + storageKey(id)).catch(() => {
      throw unavailable();
    });
    return value ? (JSON.parse(value) as Session) : undefined;
  }

  async set(id: string, session: Session, expiresAt: number): Promise<void> {
    await this.redis
      .set(prefix + storageKey(id), JSON.stringify(session), 'PXAT', Math.max(expiresAt, Date.now() + 1))
      .catch(() => {
        throw unavailable();
      });
  }

  async update(id: string, session: Session, expiresAt: number): Promise<boolean> {
    const written = await this.redis
      .set(
        prefix + storageKey(id),
        JSON.stringify(session),
        'PXAT',
        Math.max(expiresAt, Date.now() + 1),
        'XX',
      )
      .catch(() => {
        throw unavailable();
      });
    return written === 'OK';
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(prefix + storageKey(id)).catch(() => {
      throw unavailable();
    });
  }

  async count(): Promise<number> {
    let cursor = '0';
    let total = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      total += keys.length;
    } while (cursor !== '0');
    return total;
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
