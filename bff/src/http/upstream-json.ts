import https, { type Agent } from 'node:https';
import { consoleUserAgent } from '@dws-console/shared';
import type { HttpError } from './errors.ts';

/**
 * A `GET` to IAM's cloud endpoint (DWS, CTS) with a session's token: the status and the body as JSON
 * (undefined when it is not JSON), for the caller to check against its contract. A connection that fails or
 * outlasts `timeoutMs` rejects with `failure()`, the caller's words for what could not be read.
 */
export function getUpstreamJson(
  upstream: { agent: Agent; timeoutMs: number },
  url: URL,
  token: string,
  failure: () => HttpError,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      {
        agent: upstream.agent,
        headers: { 'X-Auth-Token': token, Accept: 'application/json', 'User-Agent': consoleUserAgent },
        timeout: upstream.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => reject(failure()));
        response.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          resolve({ status: response.statusCode ?? 502, body });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => reject(failure()));
  });
}
