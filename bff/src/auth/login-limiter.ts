import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';

export interface LoginLimits {
  windowMs: number;
  perUser: number;
  perAddress: number;
}

export const defaultLoginLimits: LoginLimits = { windowMs: 15 * 60_000, perUser: 5, perAddress: 30 };

/**
 * Slows password guessing, per account and per client address. Every attempt is counted before IAM is asked,
 * in one atomic step, so concurrent attempts cannot slip past the limit while IAM is answering; a success
 * clears the account's count and gives the address its attempt back.
 */
export interface LoginLimiter {
  /** Counts an attempt; answers 0 when it may go on, else the seconds until the next one may. */
  attempt(user: string, address: string): Promise<number>;
  succeed(user: string, address: string): Promise<void>;
  /** Gives the attempt back: IAM could not answer, so nothing was guessed. */
  refund(user: string, address: string): Promise<void>;
}

const userKey = (user: string) => `u:${createHash('sha256').update(user).digest('base64url')}`;
const addressKey = (address: string) => `a:${address}`;

function waitFor(
  counts: [user: { count: number; resetsInMs: number }, address: { count: number; resetsInMs: number }],
  limits: LoginLimits,
): number {
  const [user, address] = counts;
  const waits = [
    user.count > limits.perUser ? user.resetsInMs : 0,
    address.count > limits.perAddress ? address.resetsInMs : 0,
  ];
  const ms = Math.max(...waits);
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
}

/** One console process: counters in memory, a fixed window per key. */
export class MemoryLoginLimiter implements LoginLimiter {
  readonly #counters = new Map<string, { count: number; resetAt: number }>();
  readonly #limits: LoginLimits;
  readonly #now: () => number;

  constructor(limits: LoginLimits = defaultLoginLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  attempt(user: string, address: string): Promise<number> {
    return Promise.resolve(
      waitFor([this.#count(userKey(user)), this.#count(addressKey(address))], this.#limits),
    );
  }

  succeed(user: string, address: string): Promise<void> {
    this.#counters.delete(userKey(user));
    this.#uncount(addressKey(address));
    return Promise.resolve();
  }

  refund(user: string, address: string): Promise<void> {
    this.#uncount(userKey(user));
    this.#uncount(addressKey(address));
    return Promise.resolve();
  }

  #uncount(key: string): void {
    const entry = this.#counters.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  #count(key: string): { count: number; resetsInMs: number } {
    const now = this.#now();
    for (const [k, entry] of this.#counters) if (entry.resetAt <= now) this.#counters.delete(k);
    const entry = this.#counters.get(key) ?? { count: 0, resetAt: now + this.#limits.windowMs };
    entry.count += 1;
    this.#counters.set(key, entry);
    return { count: entry.count, resetsInMs: entry.resetAt - now };
  }
}

const prefix = 'dws-console:login:';

/** INCR and the window's expiry in one step: a key never lives without its expiry. */
const countScript = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/** Gives an address its attempt back without ever creating a key that has no expiry. */
const refundScript = `
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** Several console processes: the counters live in Redis, so the limit holds across all of them. */
export class RedisLoginLimiter implements LoginLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limits: LoginLimits = defaultLoginLimits,
  ) {}

  async attempt(user: string, address: string): Promise<number> {
    try {
      const [u, a] = await Promise.all([this.#count(userKey(user)), this.#count(addressKey(address))]);
      return waitFor([u, a], this.limits);
    } catch {
      throw new HttpError(
        503,
        bffErrorCodes.sessionStoreUnavailable,
        'The session store cannot be reached. Try again in a moment.',
      );
    }
  }

  async succeed(user: string, address: string): Promise<void> {
    await this.redis.del(prefix + userKey(user));
    await this.redis.eval(refundScript, 1, prefix + addressKey(address));
  }

  async refund(user: string, address: string): Promise<void> {
    await this.redis.eval(refundScript, 1, prefix + userKey(user));
    await this.redis.eval(refundScript, 1, prefix + addressKey(address));
  }

  async #count(key: string): Promise<{ count: number; resetsInMs: number }> {
    const [count, ttl] = (await this.redis.eval(countScript, 1, prefix + key, this.limits.windowMs)) as [
      number,
      number,
    ];
    return { count, resetsInMs: ttl > 0 ? ttl : this.limits.windowMs };
  }
}
