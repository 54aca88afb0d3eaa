import { hash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { open, seal } from './session-seal.ts';

/** An IAM token a single sign-on session holds, and whose it is (to stop their chat). */
export interface SsoToken {
  token: string;
  userId: string;
}

/**
 * The IAM tokens of single sign-on sessions, by the keys a back-channel log-out names (`ssoKeys`). Session
 * records are sealed with their cookies (decision 013), which a log-out token does not carry: without this
 * ledger the tokens of the sessions it ends would stay good at IAM until they expire. Each token is sealed with
 * a key derived from the client secret, which every console process holds and the store does not.
 */
export interface SsoTokens {
  keep(keys: string[], token: SsoToken, until: number): Promise<void>;
  /** Forgets a token the console revoked itself (log-out, project switch). */
  forget(keys: string[], token: string): Promise<void>;
  /** The tokens kept under these keys, forgotten as they are answered: a log-out ends them once. */
  take(keys: string[]): Promise<SsoToken[]>;
}

const aad = 'dws-console sso token v1';
const prefix = 'dws-console:sso-tokens:';
const fieldOf = (token: string) => hash('sha256', token, 'base64url');

function sealer(secret: string) {
  return {
    seal: (token: SsoToken) => seal(secret, JSON.stringify(token), aad),
    open: (sealed: string): SsoToken | undefined => {
      const opened = open(secret, sealed, aad);
      return opened ? (JSON.parse(opened) as SsoToken) : undefined;
    },
  };
}

const unique = (tokens: (SsoToken | undefined)[]) => [
  ...new Map(tokens.filter((t) => t !== undefined).map((t) => [t.token, t])).values(),
];

export class MemorySsoTokens implements SsoTokens {
  readonly #kept = new Map<string, Map<string, { sealed: string; until: number }>>();
  readonly #sealer: ReturnType<typeof sealer>;
  readonly #now: () => number;

  constructor(secret: string, now: () => number = Date.now) {
    this.#sealer = sealer(secret);
    this.#now = now;
  }

  keep(keys: string[], token: SsoToken, until: number): Promise<void> {
    const sealed = this.#sealer.seal(token);
    for (const key of keys) {
      const fields = this.#kept.get(key) ?? new Map<string, { sealed: string; until: number }>();
      // Ended tokens go here rather than by a timer: the map then never outgrows the live sessions for long.
      for (const [field, entry] of fields) if (entry.until <= this.#now()) fields.delete(field);
      this.#kept.set(key, fields.set(fieldOf(token.token), { sealed, until }));
    }
    return Promise.resolve();
  }

  forget(keys: string[], token: string): Promise<void> {
    for (const key of keys) this.#kept.get(key)?.delete(fieldOf(token));
    return Promise.resolve();
  }

  take(keys: string[]): Promise<SsoToken[]> {
    const taken = keys.flatMap((key) => [...(this.#kept.get(key)?.values() ?? [])]);
    for (const key of keys) this.#kept.delete(key);
    const now = this.#now();
    return Promise.resolve(
      unique(taken.filter((e) => e.until > now).map((e) => this.#sealer.open(e.sealed))),
    );
  }
}

/** In Redis, so a log-out told to any process revokes the tokens of sessions started on every other. */
export class RedisSsoTokens implements SsoTokens {
  readonly #sealer: ReturnType<typeof sealer>;

  constructor(
    private readonly redis: Redis,
    secret: string,
  ) {
    this.#sealer = sealer(secret);
  }

  async keep(keys: string[], token: SsoToken, until: number): Promise<void> {
    const sealed = this.#sealer.seal(token);
    const transaction = this.redis.multi();
    for (const key of keys) {
      // A hash lives as long as its longest token; a field outliving its token is harmless (IAM refuses it).
      transaction
        .hset(prefix + key, fieldOf(token.token), sealed)
        .pexpireat(prefix + key, until, 'NX')
        .pexpireat(prefix + key, until, 'GT');
    }
    await transaction.exec();
  }

  async forget(keys: string[], token: string): Promise<void> {
    const transaction = this.redis.multi();
    for (const key of keys) transaction.hdel(prefix + key, fieldOf(token));
    await transaction.exec();
  }

  async take(keys: string[]): Promise<SsoToken[]> {
    const transaction = this.redis.multi();
    for (const key of keys) transaction.hvals(prefix + key).del(prefix + key);
    const results = (await transaction.exec()) ?? [];
    const sealed = results.filter((_, i) => i % 2 === 0).flatMap(([, values]) => values as string[]);
    return unique(sealed.map((value) => this.#sealer.open(value)));
  }
}
