import { Agent, fetch } from 'undici';

/** The emulator's DWS API as any client uses it: a project-scoped token in X-Auth-Token. */
export class DwsApi {
  readonly #dispatcher: Agent;

  constructor(
    private readonly base: string,
    private readonly projectId: string,
    private readonly token: string,
    ca: Buffer,
  ) {
    this.#dispatcher = new Agent({ connect: { ca } });
  }

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}/v1.0/${this.projectId}${path}`, {
      method,
      headers: { 'X-Auth-Token': this.token, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      dispatcher: this.#dispatcher,
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Polls `path` until `done` says the resource is ready; a failed state or the deadline throws. */
  async waitFor<T>(
    path: string,
    done: (body: T) => boolean,
    failed: (body: T) => string | undefined,
    timeoutMs = 300_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await this.call<T>('GET', path);
      if (done(body)) return body;
      const failure = failed(body);
      if (failure) throw new Error(`${path}: ${failure}`);
      if (Date.now() > deadline) throw new Error(`${path}: not ready within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}
