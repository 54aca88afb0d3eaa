import type { Redis } from 'ioredis';
import {
  bffErrorCodes,
  conversationLimits,
  type Conversation,
  type ConversationSummary,
  type StoredAnswer,
  type Turn,
} from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import {
  byRecentUse,
  conversationTtlMs,
  type AppendRefusal,
  type BudgetRefusal,
  type ConversationChange,
  type ConversationStore,
} from './conversation-store.ts';

const prefix = 'dws-console:conversations:';

/**
 * Per owner: a hash of summaries (id -> JSON), a sorted set of last use (the score is `updated_at`), and one list
 * of turns per conversation. A listing reads summaries only, never the answers.
 */
const keys = (owner: string) => ({
  summaries: `${prefix}${owner}`,
  used: `${prefix}${owner}:used`,
  turns: (id: string) => `${prefix}${owner}:${id}:turns`,
  /** Stored bytes: a field per conversation id, and `*` for all of the owner's. */
  bytes: `${prefix}${owner}:bytes`,
});

// Checking the bounds and appending in one step, so two processes never both add the last allowed turn or byte.
const appendScript = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
if redis.call('LLEN', KEYS[3]) >= tonumber(ARGV[3]) then return -2 end
local size = tonumber(ARGV[6])
if tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0') + size > tonumber(ARGV[7]) then return -3 end
if tonumber(redis.call('HGET', KEYS[4], '*') or '0') + size > tonumber(ARGV[8]) then return -4 end
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('HINCRBY', KEYS[4], ARGV[1], size)
redis.call('HINCRBY', KEYS[4], '*', size)
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 1
`;

function unavailable(): HttpError {
  return new HttpError(
    503,
    bffErrorCodes.sessionStoreUnavailable,
    'Conversations cannot be kept right now (the store cannot be reached). Try again in a moment.',
  );
}

/** Several BFF processes share conversations through Redis, as they share sessions and answers. */
export class RedisConversationStore implements ConversationStore {
  readonly #redis: Redis;
  readonly #now: () => number;

  constructor(redis: Redis, options: { now?: () => number } = {}) {
    this.#redis = redis;
    this.#now = options.now ?? Date.now;
  }

  async list(owner: string): Promise<ConversationSummary[]> {
    return this.#guard(async () => {
      await this.#forget(owner);
      const k = keys(owner);
      const used = await this.#redis.zrange(k.used, '0', '-1', 'WITHSCORES');
      const ids = used.filter((_, i) => i % 2 === 0);
      if (ids.length === 0) return [];
      const [summaries, counts] = await Promise.all([
        this.#redis.hmget(k.summaries, ...ids),
        Promise.all(ids.map((id) => this.#redis.llen(k.turns(id)))),
      ]);
      const list: ConversationSummary[] = [];
      ids.forEach((id, i) => {
        const raw = summaries[i];
        if (!raw) return;
        const summary = JSON.parse(raw) as ConversationSummary;
        list.push({ ...summary, updated_at: Number(used[i * 2 + 1]), turn_count: counts[i] ?? 0 });
      });
      return list.sort(byRecentUse);
    });
  }

  async get(owner: string, id: string): Promise<Conversation | undefined> {
    return this.#guard(async () => {
      await this.#forget(owner);
      const k = keys(owner);
      const [raw, usedAt, turns] = await Promise.all([
        this.#redis.hget(k.summaries, id),
        this.#redis.zscore(k.used, id),
        this.#redis.lrange(k.turns(id), 0, -1),
      ]);
      if (!raw) return undefined;
      const summary = JSON.parse(raw) as ConversationSummary;
      return {
        ...summary,
        updated_at: Number(usedAt ?? summary.updated_at),
        turn_count: turns.length,
        turns: turns.map((turn) => JSON.parse(turn) as Turn),
      };
    });
  }

  async create(
    owner: string,
    conversation: Omit<ConversationSummary, 'turn_count'>,
  ): Promise<ConversationSummary> {
    return this.#guard(async () => {
      const k = keys(owner);
      await this.#redis
        .multi()
        .hset(k.summaries, conversation.id, JSON.stringify(conversation))
        .zadd(k.used, conversation.updated_at, conversation.id)
        .pexpire(k.summaries, conversationTtlMs)
        .pexpire(k.used, conversationTtlMs)
        .exec();
      // The least recently used beyond the bound are forgotten.
      const excess = await this.#redis.zrange(k.used, '0', String(-(conversationLimits.perUser + 1)));
      await this.#removeAll(owner, excess);
      return { ...conversation, turn_count: 0 };
    });
  }

  async update(
    owner: string,
    id: string,
    change: ConversationChange,
  ): Promise<ConversationSummary | undefined> {
    return this.#guard(async () => {
      const k = keys(owner);
      const raw = await this.#redis.hget(k.summaries, id);
      if (!raw) return undefined;
      const summary = { ...(JSON.parse(raw) as ConversationSummary), ...change, updated_at: this.#now() };
      await this.#redis
        .multi()
        .hset(k.summaries, id, JSON.stringify(summary))
        .zadd(k.used, summary.updated_at, id)
        .exec();
      return { ...summary, turn_count: await this.#redis.llen(k.turns(id)) };
    });
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return this.#guard(async () => (await this.#removeAll(owner, [id])) > 0);
  }

  async appendTurn(owner: string, id: string, turn: Turn): Promise<Turn | AppendRefusal> {
    return this.#guard(async () => {
      const k = keys(owner);
      const text = JSON.stringify(turn);
      const result = await this.#redis.eval(
        appendScript,
        4,
        k.summaries,
        k.used,
        k.turns(id),
        k.bytes,
        id,
        text,
        String(conversationLimits.turns),
        String(this.#now()),
        String(conversationTtlMs),
        String(Buffer.byteLength(text)),
        String(conversationLimits.conversationBytes),
        String(conversationLimits.userBytes),
      );
      if (result === -1) return 'missing';
      if (result === -2) return 'full';
      if (result === -3) return 'conversation-bytes';
      if (result === -4) return 'user-bytes';
      return turn;
    });
  }

  async updateTurn(
    owner: string,
    id: string,
    turnId: string,
    answer: StoredAnswer,
  ): Promise<Turn | undefined | BudgetRefusal> {
    return this.#guard(async () => {
      const k = keys(owner);
      const turns = await this.#redis.lrange(k.turns(id), 0, -1);
      const index = turns.findIndex((raw) => (JSON.parse(raw) as Turn).id === turnId);
      if (index < 0) return undefined;
      const turn = { ...(JSON.parse(turns[index]!) as Turn), answer };
      const text = JSON.stringify(turn);
      const growth = Buffer.byteLength(text) - Buffer.byteLength(turns[index]!);
      const [conversationBytes, userBytes] = (await this.#redis.hmget(k.bytes, id, '*')).map(Number);
      if (growth > 0 && (conversationBytes ?? 0) + growth > conversationLimits.conversationBytes)
        return 'conversation-bytes';
      if (growth > 0 && (userBytes ?? 0) + growth > conversationLimits.userBytes) return 'user-bytes';
      // Turns are only ever appended, so the index still names this turn (unless the conversation was deleted).
      const updated = await this.#redis.lset(k.turns(id), index, text).then(
        () => true,
        () => false,
      );
      if (!updated) return undefined;
      await this.#redis
        .multi()
        .zadd(k.used, this.#now(), id)
        .hincrby(k.bytes, id, growth)
        .hincrby(k.bytes, '*', growth)
        .exec();
      return turn;
    });
  }

  /** Forgets the owner's conversations unused for longer than the retention. */
  async #forget(owner: string): Promise<void> {
    const old = await this.#redis.zrangebyscore(keys(owner).used, '-inf', this.#now() - conversationTtlMs);
    await this.#removeAll(owner, old);
  }

  async #removeAll(owner: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const k = keys(owner);
    const freed = (await this.#redis.hmget(k.bytes, ...ids)).reduce(
      (sum, bytes) => sum + Number(bytes ?? 0),
      0,
    );
    const results = await this.#redis
      .multi()
      .hincrby(k.bytes, '*', -freed)
      .hdel(k.bytes, ...ids)
      .hdel(k.summaries, ...ids)
      .zrem(k.used, ...ids)
      .del(...ids.map((id) => k.turns(id)))
      .exec();
    return Number(results?.[2]?.[1] ?? 0);
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw unavailable();
    }
  }
}
