import { vi } from 'vitest';

export interface BffCall {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * `fetch` answering as the BFF would, from canned answers by `METHOD /path` (a function of the request body);
 * anything else is the console's 404. Answers every call made, in order.
 */
export function stubBff(answers: Record<string, (body: unknown) => unknown>): BffCall[] {
  const calls: BffCall[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = new URL(input, 'https://console.test').pathname;
    const body = init.body ? (JSON.parse(init.body as string) as unknown) : undefined;
    calls.push({ method, path, ...(body === undefined ? {} : { body }) });
    const answer = answers[`${method} ${path}`];
    return Promise.resolve(
      answer
        ? new Response(JSON.stringify(answer(body)), { status: 200 })
        : new Response(JSON.stringify({ error_code: 'CONSOLE.0404', error_msg: 'not here' }), {
            status: 404,
          }),
    );
  });
  return calls;
}
