import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import {
  answerLeaseMs,
  type AnswerEvent,
  type AnswerListener,
  type AnswerMeta,
  type AnswerSignal,
  type AnswerStore,
} from './answer-store.ts';

const prefix = 'dws-console:answer:';
const endMessage = 'end';

// Numbering, keeping, trimming and announcing an event happen in one step, so every process sees
// the events of an answer in the same order with no gap between what it read and what it hears.
const appendScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('no such answer') end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local event = cjson.encode({ seq = seq, event = ARGV[1], data = ARGV[2] })
redis.call('RPUSH', KEYS[2], event)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', KEYS[3], event)
return seq
`;

// The same for an answer the calling process numbers itself (it created it and runs it): it has already given the
// event to its own watchers, and says which number it gave; another number in Redis means another process
// wrote to the answer (it ended it as abandoned), and the runner stops. The announcement names the process, so
// it skips its own.
const numberedAppendScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('no such answer') end
if tonumber(redis.call('HGET', KEYS[1], 'seq')) ~= tonumber(ARGV[2]) - 1 then
  return redis.error_reply('answer written by another process')
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', KEYS[3], ARGV[5] .. ARGV[1])
return 1
`;

const finishScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'ended') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'ended', '1')
redis.call('DEL', KEYS[3])
redis.call('PUBLISH', KEYS[2], ARGV[1])
return 1
`;

// The runner's process died (its lease ran out) before the answer ended: its last events and its end, once.
const abandonScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'ended') == '1' then return 0 end
if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
for i = 2, #ARGV, 2 do
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  local event = cjson.encode({ seq = seq, event = ARGV[i], data = ARGV[i + 1] })
  redis.call('RPUSH', KEYS[2], event)
  redis.call('PUBLISH', KEYS[3], event)
end
redis.call('HSET', KEYS[1], 'ended', '1')
redis.call('PUBLISH', KEYS[3], ARGV[1])
return 1
`;

const keys = (id: string) => ({
  meta: `${prefix}${id}`,
  events: `${prefix}${id}:events`,
  live: `${prefix}${id}:live`,
  signals: `${prefix}${id}:signals`,
  lease: `${prefix}${id}:lease`,
});

function unavailable(): HttpError {
  return new HttpError(
    503,
    bffErrorCodes.sessionStoreUnavailable,
    'Answers cannot be kept right now (the store cannot be reached). Try again in a moment.',
  );
}

/**
 * One subscriber connection per process, shared by every channel it listens to: thousands of open
 * answers cost one connection, not one each.
 */
class Channels {
  readonly #handlers = new Map<string, Set<(message: string) => void>>();
  #subscriber: Redis | undefined;

  constructor(private readonly redis: Redis) {}

  async listen(channel: string, handler: (message: string) => void): Promise<() => void> {
    const subscriber = this.#connection();
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
    }
    handlers.add(handler);
    // Resolves once Redis confirms, so nothing published afterwards can be missed.
    await subscriber.subscribe(channel);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.#handlers.get(channel) === handlers) {
        this.#handlers.delete(channel);
        void subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  close(): void {
    this.#subscriber?.disconnect();
    this.#subscriber = undefined;
  }

  #connection(): Redis {
    if (!this.#subscriber) {
      const subscriber = this.redis.duplicate();
      subscriber.on('message', (channel: string, message: string) => {
        for (const handler of this.#handlers.get(channel) ?? []) handler(message);
      });
      // The command client logs Redis errors; a subscriber reconnects and resubscribes by itself.
      subscriber.on('error', () => undefined);
      this.#subscriber = subscriber;
    }
    return this.#subscriber;
  }
}

/**
 * Answers in Redis, so a browser whose connection dropped can resume on any BFF process: events are
 * kept in a list trimmed to `maxEvents` and expire `ttlMs` after the last one; live events and the
 * signals to the process running the answer travel by pub/sub.
 */
export class RedisAnswerStore implements AnswerStore {
  readonly #redis: Redis;
  readonly #channels: Channels;
  readonly #maxEvents: number;
  readonly #ttlMs: number;
  /** Prefixes what this process announces, so its own watchers, already given the event, skip the copy. */
  readonly #origin = randomUUID();
  /** The answers created here, with the last number given: this process numbers their events itself. */
  readonly #numbered = new Map<string, number>();
  /** This process's watchers, by answer, given its own answers' events without a round trip through Redis. */
  readonly #watchers = new Map<string, Set<(event: AnswerEvent) => void>>();

  constructor(redis: Redis, options: { maxEvents?: number; ttlMs?: number } = {}) {
    this.#redis = redis;
    this.#channels = new Channels(redis);
    this.#maxEvents = options.maxEvents ?? 1000;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
  }

  async create(id: string, meta: AnswerMeta): Promise<void> {
    const { meta: key, lease } = keys(id);
    await this.#redis
      .multi()
      .hset(key, { owner: meta.owner, createdAt: String(meta.createdAt), seq: '0', ended: '0' })
      .pexpire(key, this.#ttlMs)
      .set(lease, '1', 'PX', answerLeaseMs)
      .exec()
      .catch(() => {
        throw unavailable();
      });
    this.#numbered.set(id, 0);
  }

  async meta(id: string): Promise<AnswerMeta | undefined> {
    const [owner, createdAt] = await this.#redis.hmget(keys(id).meta, 'owner', 'createdAt').catch(() => {
      throw unavailable();
    });
    return owner && createdAt ? { owner, createdAt: Number(createdAt) } : undefined;
  }

  async append(id: string, event: Omit<AnswerEvent, 'seq'>): Promise<AnswerEvent> {
    const { meta, events, live } = keys(id);
    const last = this.#numbered.get(id);
    if (last !== undefined) {
      const stored: AnswerEvent = { seq: last + 1, event: event.event, data: event.data };
      this.#numbered.set(id, stored.seq);
      for (const watcher of this.#watchers.get(id) ?? []) watcher(stored);
      await this.#redis.eval(
        numberedAppendScript,
        3,
        meta,
        events,
        live,
        JSON.stringify(stored),
        String(stored.seq),
        String(this.#maxEvents),
        String(this.#ttlMs),
        this.#origin,
      );
      return stored;
    }
    const seq = (await this.#redis.eval(
      appendScript,
      3,
      meta,
      events,
      live,
      event.event,
      event.data,
      String(this.#maxEvents),
      String(this.#ttlMs),
    )) as number;
    return { ...event, seq };
  }

  async finish(id: string): Promise<void> {
    this.#numbered.delete(id);
    const { meta, live, lease } = keys(id);
    await this.#redis.eval(finishScript, 3, meta, live, lease, endMessage);
  }

  async read(id: string, afterSeq: number): Promise<{ events: AnswerEvent[]; ended: boolean }> {
    const { meta, events } = keys(id);
    const results = await this.#redis
      .multi()
      .lrange(events, 0, -1)
      .hget(meta, 'ended')
      .exec()
      .catch(() => {
        throw unavailable();
      });
    const [[listError, stored], [endedError, ended]] = (results ?? [
      [new Error('transaction aborted'), null],
      [null, null],
    ]) as [[Error | null, string[] | null], [Error | null, string | null]];
    if (listError || endedError) throw unavailable();
    return {
      events: (stored ?? []).map((raw) => JSON.parse(raw) as AnswerEvent).filter((e) => e.seq > afterSeq),
      // A missing answer (expired) has ended as far as anyone watching is concerned.
      ended: ended !== '0',
    };
  }

  async subscribe(id: string, listener: AnswerListener): Promise<() => void> {
    let ended = false;
    const watcher = (event: AnswerEvent) => {
      if (!ended) listener(event);
    };
    const watchers = this.#watchers.get(id) ?? new Set();
    this.#watchers.set(id, watchers.add(watcher));
    const unwatch = () => {
      watchers.delete(watcher);
      if (watchers.size === 0 && this.#watchers.get(id) === watchers) this.#watchers.delete(id);
    };
    const unsubscribe = await this.#channels
      .listen(keys(id).live, (message) => {
        if (ended) return;
        if (message === endMessage) {
          ended = true;
          listener('end');
        } else if (message.startsWith('{')) {
          listener(JSON.parse(message) as AnswerEvent);
        } else if (!message.startsWith(this.#origin)) {
          listener(JSON.parse(message.slice(this.#origin.length)) as AnswerEvent);
        }
      })
      .catch((error: unknown) => {
        unwatch();
        throw error;
      });
    // The answer may have ended before the subscription started.
    const state = await this.#redis.hget(keys(id).meta, 'ended').catch(() => null);
    if (state !== '0' && !ended) {
      ended = true;
      listener('end');
    }
    return () => {
      unwatch();
      unsubscribe();
    };
  }

  async signal(id: string, signal: AnswerSignal): Promise<void> {
    await this.#redis.publish(keys(id).signals, signal);
  }

  async onSignal(id: string, listener: (signal: AnswerSignal) => void): Promise<() => void> {
    return this.#channels.listen(keys(id).signals, (message) => {
      if (message === 'stop' || message === 'watching') listener(message);
    });
  }

  async renewLease(id: string): Promise<void> {
    await this.#redis.set(keys(id).lease, '1', 'PX', answerLeaseMs);
  }

  async endIfAbandoned(id: string, events: Omit<AnswerEvent, 'seq'>[]): Promise<boolean> {
    const { meta, events: list, live, lease } = keys(id);
    const ended = await this.#redis.eval(
      abandonScript,
      4,
      meta,
      list,
      live,
      lease,
      endMessage,
      ...events.flatMap((event) => [event.event, event.data]),
    );
    return ended === 1;
  }

  /** Closes the subscriber connection; the command connection belongs to whoever passed it in. */
  close(): void {
    this.#channels.close();
  }
}
