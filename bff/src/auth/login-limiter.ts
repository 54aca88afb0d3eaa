/**
 * Counts failed log-ins in a sliding window, per user and per address, so password guessing is slow
 * from one place and against one account. A success clears the user's count.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #windowMs: number;
  readonly #perUser: number;
  readonly #perAddress: number;
  readonly #now: () => number;

  constructor(options: { windowMs: number; perUser: number; perAddress: number; now?: () => number }) {
    this.#windowMs = options.windowMs;
    this.#perUser = options.perUser;
    this.#perAddress = options.perAddress;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  retryAfter(user: string, address: string): number {
    const waits = [this.#wait(`u:${user}`, this.#perUser), this.#wait(`a:${address}`, this.#perAddress)];
    return Math.max(...waits);
  }

  fail(user: string, address: string): void {
    for (const key of [`u:${user}`, `a:${address}`]) {
      const times = this.#recent(key);
      times.push(this.#now());
      this.#failures.set(key, times);
    }
  }

  succeed(user: string): void {
    this.#failures.delete(`u:${user}`);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }

  #wait(key: string, limit: number): number {
    const times = this.#recent(key);
    if (times.length < limit) return 0;
    const oldest = times[times.length - limit] ?? this.#now();
    return Math.max(1, Math.ceil((oldest + this.#windowMs - this.#now()) / 1000));
  }
}
