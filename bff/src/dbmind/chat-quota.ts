import type { Redis } from 'ioredis';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';

/** How much chat work one user may cause. */
export interface ChatLimits {
  /** Answers running at once. */
  runningPerUser: number;
  /** Questions accepted in one minute. */
  questionsPerMinute: number;
  /** Bytes of DBMind's events kept per answer; the rest is cut off. */
  answerBytes: number;
}

export const defaultChatLimits: ChatLimits = {
  runningPerUser: 3,
  questionsPerMinute: 20,
  answerBytes: 1_048_576,
};

/** A question past a limit: 429, with Retry-After when the wait is known. */
export class ChatLimitError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(429, bffErrorCodes.tooManyRequests, message);
  }
}

/**
 * Counts each user's running answers and questions per minute. An admitted answer holds its place until it
 * is released; a place is also a lease that runs out, so a process that died holding one frees it in time.
 */
export interface ChatQuota {
  /** Admits one more answer of `user` or throws a ChatLimitError. */
  admit(user: string, answerId: string): Promise<void>;
  release(user: string, answerId: string): Promise<void>;
  /** The user's answers still running (in any process sharing the quota). */
  running(user: string): Promise<string[]>;
}

const minuteMs = 60_000;
/** An answer whose process vanished stops counting after this (longer than any answer is allowed to run). */
const leaseMs = 15 * minuteMs;

function runningError(limit: number): ChatLimitError {
  return new ChatLimitError(`At most ${limit} answers may run at once; wait for one to end or stop it.`);
}

function rateError(limit: number, retryAfterSeconds: number): ChatLimitError {
  return new ChatLimitError(
    `At most ${limit} questions a minute; try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  );
}

/** One BFF process. */
export class MemoryChatQuota implements ChatQuota {
  readonly #running = new Map<string, Map<string, number>>();
  readonly #asked = new Map<string, { window: number; count: number }>();
  readonly #limits: ChatLimits;
  readonly #now: () => number;

  constructor(limits: ChatLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  admit(user: string, answerId: string): Promise<void> {
    const at = this.#now();
    const running = this.#live(user, at);
    if (running.size >= this.#limits.runningPerUser)
      return Promise.reject(runningError(this.#limits.runningPerUser));
    const window = Math.floor(at / minuteMs);
    const asked = this.#asked.get(user);
    const count = asked?.window === window ? asked.count : 0;
    if (count >= this.#limits.questionsPerMinute) {
      const wait = Math.ceil(((window + 1) * minuteMs - at) / 1000);
      return Promise.reject(rateError(this.#limits.questionsPerMinute, wait));
    }
    for (const [key, entry] of this.#asked) if (entry.window < window) this.#asked.delete(key);
    this.#asked.set(user, { window, count: count + 1 });
    running.set(answerId, at + leaseMs);
    this.#running.set(user, running);
    return Promise.resolve();
  }

  release(user: string, answerId: string): Promise<void> {
    const running = this.#running.get(user);
    running?.delete(answerId);
    if (running?.size === 0) this.#running.delete(user);
    return Promise.resolve();
  }

  running(user: string): Promise<string[]> {
    return Promise.resolve([...this.#live(user, this.#now()).keys()]);
  }

  #live(user: string, at: number): Map<string, number> {
    const running = this.#running.get(user) ?? new Map<string, number>();
    for (const [id, until] of running) if (until <= at) running.delete(id);
    return running;
  }
}

// One step, so two processes admitting at once cannot both take the last place.
const admitScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
local asked = redis.call('INCR', KEYS[2])
if asked == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[6]) end
if asked > tonumber(ARGV[4]) then return -2 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 0
`;

/** Several BFF processes: the counts live in Redis, so a user's limits hold whichever process serves them. */
export class RedisChatQuota implements ChatQuota {
  readonly #redis: Redis;
  readonly #limits: ChatLimits;
  readonly #now: () => number;

  constructor(redis: Redis, limits: ChatLimits, now: () => number = Date.now) {
    this.#redis = redis;
    this.#limits = limits;
    this.#now = now;
  }

  async admit(user: string, answerId: string): Promise<void> {
    const at = this.#now();
    const window = Math.floor(at / minuteMs);
    const outcome = (await this.#redis
      .eval(
        admitScript,
        2,
        runningKey(user),
        `dws-console:chat-asked:${user}:${window}`,
        String(at),
        String(at + leaseMs),
        String(this.#limits.runningPerUser),
        String(this.#limits.questionsPerMinute),
        answerId,
        String(Math.max(leaseMs, 2 * minuteMs)),
      )
      .catch(() => {
        throw new HttpError(
          503,
          bffErrorCodes.sessionStoreUnavailable,
          'Questions cannot be counted right now (the store cannot be reached). Try again in a moment.',
        );
      })) as number;
    if (outcome === -1) throw runningError(this.#limits.runningPerUser);
    if (outcome === -2) {
      throw rateError(this.#limits.questionsPerMinute, Math.ceil(((window + 1) * minuteMs - at) / 1000));
    }
  }

  async release(user: string, answerId: string): Promise<void> {
    await this.#redis.zrem(runningKey(user), answerId);
  }

  async running(user: string): Promise<string[]> {
    return this.#redis.zrangebyscore(runningKey(user), this.#now(), '+inf');
  }
}

const runningKey = (user: string) => `dws-console:chat-running:${user}`;
