import { createServer } from 'node:net';
import { fetch, type Response } from 'undici';
import type { Harness } from './harness.ts';

/** A port nobody listens on now, for a console whose address the identity provider must know before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Cookies by name, as a browser keeps them for one site. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const isGone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(at + 1) === '';
      if (isGone) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(at + 1));
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }
}

/**
 * What a browser does in a single sign-on, by plain HTTP: it follows the console's and the identity provider's
 * redirects with a cookie jar for each, and fills in the provider's sign-in form.
 */
export class SsoBrowser {
  readonly console = new CookieJar();
  readonly idp = new CookieJar();

  constructor(
    private readonly harness: Harness,
    private readonly issuer: string,
  ) {}

  /** Starts a sign-in at the console; answers the provider's address the browser is sent to. */
  async start(next = '/clusters'): Promise<string> {
    const response = await this.#console(`/api/session/sso/start?next=${encodeURIComponent(next)}`);
    if (response.status !== 303) throw new Error(`start answered ${response.status}`);
    return response.headers.get('location')!;
  }

  /** Goes through the provider (its sign-in form when it has no session) until it sends the browser back. */
  async throughProvider(url: string, person?: { username: string; password: string }): Promise<string> {
    let next = url;
    for (let hop = 0; hop < 10; hop += 1) {
      if (!next.startsWith(this.issuer)) return next;
      const response = await this.#idp(next);
      if (response.status === 200 && person) {
        const action = /action="([^"]+)"/.exec(await response.text())?.[1];
        if (!action) throw new Error('the provider showed no sign-in form');
        const posted = await this.#idp(new URL(action, this.issuer).href, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(person).toString(),
        });
        next = new URL(posted.headers.get('location')!, this.issuer).href;
        continue;
      }
      if (response.status !== 303 && response.status !== 302)
        throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      next = new URL(response.headers.get('location')!, this.issuer).href;
    }
    throw new Error('too many redirects at the provider');
  }

  /** Follows the provider's redirect back to the console; answers where the console sends the browser then. */
  async callback(url: string): Promise<string> {
    const { pathname, search } = new URL(url);
    const response = await this.#console(`${pathname}${search}`);
    if (response.status !== 303) throw new Error(`the callback answered ${response.status}`);
    return response.headers.get('location')!;
  }

  /** The whole sign-in: where the console sends the browser at the end (the page, or the log-in page and why). */
  async signIn(person: { username: string; password: string }, next = '/clusters'): Promise<string> {
    return this.callback(await this.throughProvider(await this.start(next), person));
  }

  /** At the provider's end-session page, confirms the log-out as a person would; answers where it sends the browser. */
  async confirmLogout(url: string): Promise<string> {
    const page = await this.#idp(url);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf) throw new Error(`the provider showed no log-out form: ${html}`);
    const confirmed = await this.#idp(new URL(action, this.issuer).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    return this.throughProvider(new URL(confirmed.headers.get('location')!, this.issuer).href);
  }

  request(pathname: string, init: Parameters<Harness['request']>[1] = {}) {
    return this.#console(pathname, init);
  }

  async #console(pathname: string, init: Parameters<Harness['request']>[1] = {}) {
    const response = await this.harness.request(pathname, {
      ...init,
      redirect: 'manual',
      cookie: this.console.header(),
    });
    this.console.take(response);
    return response;
  }

  async #idp(url: string, init: Parameters<typeof fetch>[1] = {}) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: this.idp.header() },
    });
    this.idp.take(response);
    return response;
  }
}
