import {
  bffErrorCodes,
  dbmindClusterListSchema,
  type DbmindCluster,
  type DbmindClusterMap,
} from '@dws-console/shared';
import { request, type Dispatcher } from 'undici';
import { HttpError } from '../http/errors.ts';
import { normaliseAddress } from './tenancy.ts';

/** Where DBMind is and how long the BFF waits for it. */
export interface DbmindConnection {
  endpoint: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/** The DBMind user and session under which DBMind keeps the instance questions are about. */
export interface DbmindSession {
  user_id: string;
  session_id: string;
}

/** Forwards a small JSON call to DBMind and returns its JSON body (with a clear error when it cannot). */
export async function dbmindJson(
  deps: DbmindConnection,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  try {
    // undici's `request`, not `fetch`: two of these go before every question, and `fetch`'s WHATWG layers
    // cost several times as much per call.
    const response = await request(new URL(path, deps.endpoint), {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: deps.dispatcher,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const text = await response.body.text();
    try {
      return { status: response.statusCode, body: JSON.parse(text) as unknown };
    } catch {
      throw new HttpError(
        502,
        bffErrorCodes.upstreamUnavailable,
        `DBMind answered HTTP ${response.statusCode} without JSON.`,
      );
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new HttpError(
      timedOut ? 504 : 502,
      timedOut ? bffErrorCodes.upstreamTimeout : bffErrorCodes.upstreamUnavailable,
      timedOut ? 'DBMind did not answer in time.' : 'DBMind cannot be reached.',
    );
  }
}

/** Every cluster DBMind knows, of every tenant: callers keep only their project's (DBMind has no tenants). */
export async function dbmindClusterMap(deps: DbmindConnection): Promise<DbmindClusterMap> {
  const answer = await dbmindJson(deps, 'GET', '/v1/api/clusters');
  const parsed = dbmindClusterListSchema.safeParse(answer.body);
  if (answer.status !== 200 || !parsed.success || !parsed.data.success) {
    throw new HttpError(502, bffErrorCodes.upstreamUnavailable, 'DBMind did not list its clusters.');
  }
  return parsed.data.data;
}

/** A DBMind cluster's address and its instances', normalised to compare with the addresses of DWS clusters. */
export function dbmindAddresses(address: string, cluster: DbmindCluster): string[] {
  return [address, ...cluster.instances].map(normaliseAddress);
}

/**
 * Sets the instance DBMind answers about in one DBMind session. False when DBMind does not switch, as it
 * refuses an instance that is not registered with it; what that means is the caller's to say.
 */
export async function chooseDbmindInstance(
  deps: DbmindConnection,
  instance: string,
  who: DbmindSession,
): Promise<boolean> {
  const query = new URLSearchParams({ instance, ...who });
  const chosen = await dbmindJson(deps, 'PUT', `/v1/api/clusters?${query.toString()}`);
  return chosen.status === 200 && (chosen.body as { data?: unknown } | null)?.data === true;
}
