import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  alarmButtonSchema,
  bffErrorCodes,
  dbmindClusterListSchema,
  dbmindEventSchema,
  type DbmindCluster,
  type DbmindClusterMap,
  type DbmindElement,
  type MonitoringAlarm,
} from '@dws-console/shared';
import { createParser } from 'eventsource-parser';
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

/**
 * DBMind's cluster list as questions need it: read at most once per `ttlMs` and shared by the questions asked
 * meanwhile, so a burst of questions costs DBMind (and the event loop relaying other answers) one list instead
 * of one each. A caller that misses a cluster in it reads it again (`fresh`): one registered a moment ago,
 * by this process or another.
 */
export class RememberedClusterMap {
  readonly #deps: DbmindConnection;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #remembered: { until: number; map: Promise<DbmindClusterMap> } | undefined;

  constructor(deps: DbmindConnection, options: { ttlMs: number; now?: () => number }) {
    this.#deps = deps;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  read(fresh = false): Promise<DbmindClusterMap> {
    const at = this.#now();
    if (!fresh && this.#remembered && this.#remembered.until > at) return this.#remembered.map;
    const entry = { until: at + this.#ttlMs, map: dbmindClusterMap(this.#deps) };
    this.#remembered = entry;
    // A failure is not remembered: the next question asks DBMind again.
    entry.map.catch(() => {
      if (this.#remembered === entry) this.#remembered = undefined;
    });
    return entry.map;
  }

  forget(): void {
    this.#remembered = undefined;
  }
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

/**
 * Reads a DBMind answer stream and calls `onData` with the data of each event in the tick its bytes arrived,
 * with no promise per chunk (a character split across two chunks is decoded whole). Settles when the stream
 * ends; rejects, and stops reading, when it breaks off or `onData` throws.
 */
export function readDbmindEvents(body: Readable, onData: (data: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = createParser({ onEvent: (event) => onData(event.data) });
    const decoder = new StringDecoder('utf8');
    const fail = (error: unknown) => {
      reject(error instanceof Error ? error : new Error(String(error)));
      body.destroy();
    };
    body.on('data', (chunk: Buffer) => {
      try {
        parser.feed(decoder.write(chunk));
      } catch (error) {
        fail(error);
      }
    });
    body.once('end', () => {
      try {
        parser.feed(decoder.end());
        resolve();
      } catch (error) {
        fail(error);
      }
    });
    body.once('error', fail);
    // Destroyed without an error (the request aborted): after `end`, this changes nothing.
    body.once('close', () => fail(new Error('the answer stream closed before its end')));
  });
}

/**
 * Asks DBMind one fully specified question and returns every element of its answer. An event that is not
 * DBMind's JSON, or an answer DBMind reports as failed, is an upstream error, never a silently shorter answer.
 */
export async function askDbmind(
  deps: DbmindConnection,
  who: DbmindSession,
  query: string,
): Promise<DbmindElement[]> {
  const unusable = (why: string) => new HttpError(502, bffErrorCodes.upstreamUnavailable, `DBMind ${why}.`);
  const elements: DbmindElement[] = [];
  try {
    const response = await request(new URL('/v1/api/app/intelligent-interaction', deps.endpoint), {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...who, query, mode: 'tool_interaction', history_len: 1 }),
      dispatcher: deps.dispatcher,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw unusable(`answered HTTP ${response.statusCode}`);
    }
    await readDbmindEvents(response.body, (data) => {
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        throw unusable('sent an event that is not JSON');
      }
      const event = dbmindEventSchema.safeParse(json);
      if (!event.success) throw unusable('sent an event of an unknown shape');
      if (!event.data.success) throw unusable(`could not answer: ${event.data.msg}`);
      elements.push(...event.data.data);
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new HttpError(
      timedOut ? 504 : 502,
      timedOut ? bffErrorCodes.upstreamTimeout : bffErrorCodes.upstreamUnavailable,
      timedOut ? 'DBMind did not answer in time.' : 'DBMind cannot be reached.',
    );
  }
  return elements;
}

/** The alarm cards of `summary_alarms`, nested in its `sort` lists; a card without a button is a normal item. */
export function alarmsFrom(elements: DbmindElement[]): MonitoringAlarm[] {
  const alarms: MonitoringAlarm[] = [];
  const visit = (element: DbmindElement) => {
    if (element.type === 'sort' && Array.isArray(element.content)) {
      (element.content as DbmindElement[]).forEach(visit);
      return;
    }
    if (element.type !== 'status') return;
    const content = (element as { content?: { name?: unknown; button?: unknown } }).content;
    const button = alarmButtonSchema.safeParse(content?.button);
    if (button.success && typeof content?.name === 'string') {
      alarms.push({ name: content.name, description: button.data.show, event: button.data.event });
    }
  };
  elements.forEach(visit);
  return alarms;
}
