import type { Redis } from 'ioredis';
import { storageKey, type Session, type SessionStore } from './session-store.ts';

const prefix = 'dws-console:session:';

/**
 * Sessions in Redis, so every BFF process behind a load balancer knows every session. Each key
 * expires by itself at the session's end (PXAT); the key is a hash of the cookie, never the cookie.
 */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis) {}

  async get(id: string): Promise<Session | undefined> {
    const value = await this.redis.get(prefix + storageKey(id));
    return value ? (JSON.parse(value) as Session) : undefined;
  }

  async set(id: string, session: Session, expiresAt: number): Promise<void> {
    await this.redis.set(
      prefix + storageKey(id),
      JSON.stringify(session),
      'PXAT',
      Math.max(expiresAt, Date.now() + 1),
    );
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(prefix + storageKey(id));
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
