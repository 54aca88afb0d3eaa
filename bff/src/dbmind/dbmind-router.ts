import { Router, type Request, type Response } from 'express';
import {
  askRequestSchema,
  bffErrorCodes,
  dbmindUserId,
  describeIssues,
  registerClusterRequestSchema,
  selectClusterRequestSchema,
  selectModelRequestSchema,
} from '@dws-console/shared';
import type { ZodType } from 'zod';
import { fetch, type Dispatcher } from 'undici';
import { sessionOf, type Sessions } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Logger } from '../logging/logger.ts';
import type { AnswerRunner } from './answer-runner.ts';
import type { AnswerStore } from './answer-store.ts';
import { openEventStream, streamAnswer } from './event-stream.ts';

const answerIdPattern = /^[0-9a-f-]{36}$/;
const knownRoutes = new Set([
  '/intelligent-interaction',
  '/llms',
  '/clusters',
  '/clusters/register',
  '/answers/:id',
  '/answers/:id/events',
]);

function lastEventId(req: Request): number {
  const raw =
    req.header('Last-Event-ID') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : '0');
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HttpError(400, bffErrorCodes.validation, 'Last-Event-ID: must be a non-negative integer.');
  }
  return value;
}

export function createDbmindRouter(deps: {
  endpoint: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  sessions: Sessions;
  runner: AnswerRunner;
  store: AnswerStore;
  logger: Logger;
}): Router {
  const router = Router();
  router.use(deps.sessions.require, (req, res, next) => {
    // Route labels for metrics and the audit trail: the answer id is a resource, not part of the route.
    const route = req.path.replace(/^\/answers\/[^/]+/, '/answers/:id');
    res.locals.route = knownRoutes.has(route) ? `/api/dbmind${route}` : 'other';
    next();
  });

  /** Loads an answer only for the user who asked it; anyone else is told it does not exist. */
  async function ownAnswer(req: Request, res: Response): Promise<string> {
    const id = String(req.params.answerId);
    const meta = answerIdPattern.test(id) ? await deps.store.meta(id) : undefined;
    if (!meta || meta.owner !== sessionOf(res).user.id) {
      throw new HttpError(404, bffErrorCodes.notFound, 'answer_id: no such answer.');
    }
    res.locals.resource = id;
    return id;
  }

  router.post('/intelligent-interaction', jsonBody('64kb'), async (req, res) => {
    const parsed = askRequestSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, bffErrorCodes.validation, describeIssues(parsed.error));
    const session = sessionOf(res);
    // The user id is the logged-in user's, whatever the browser sent.
    const answerId = await deps.runner.start(
      session.user.id,
      { ...parsed.data, user_id: dbmindUserId(session.domain.name, session.user.name) },
      String(res.locals.requestId),
    );
    deps.logger.info(
      { requestId: res.locals.requestId, answer: answerId, mode: parsed.data.mode },
      'question sent',
    );

    if (!(req.header('Accept') ?? '').includes('text/event-stream')) {
      res.status(202).json({ answer_id: answerId, events: `/api/dbmind/answers/${answerId}/events` });
      return;
    }
    // Asked and watched on one connection: the browser leaving means nobody can resume it, so stop it.
    res.setHeader('X-Answer-Id', answerId);
    openEventStream(res);
    const unwatch = deps.runner.watch(answerId, { abortWhenGone: true });
    res.once('close', unwatch);
    await streamAnswer({ res, store: deps.store, answerId, afterSeq: 0 });
  });

  router.get('/answers/:answerId/events', async (req, res) => {
    const answerId = await ownAnswer(req, res);
    const after = lastEventId(req);
    const { events, ended } = await deps.store.read(answerId, after);
    if (ended && events.length === 0) {
      // 204 tells EventSource the stream is over and not to reconnect.
      res.status(204).end();
      return;
    }
    openEventStream(res);
    const unwatch = deps.runner.watch(answerId, { abortWhenGone: false });
    res.once('close', unwatch);
    await streamAnswer({ res, store: deps.store, answerId, afterSeq: after });
  });

  router.delete('/answers/:answerId', async (req, res) => {
    const answerId = await ownAnswer(req, res);
    await deps.runner.stop(answerId);
    res.status(204).end();
  });

  function parse<T>(schema: ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HttpError(400, bffErrorCodes.validation, describeIssues(parsed.error));
    return parsed.data;
  }
  const userOf = (res: Response) => dbmindUserId(sessionOf(res).domain.name, sessionOf(res).user.name);
  const reply = (res: Response, answer: { status: number; body: unknown }) => {
    res.status(answer.status).json(answer.body);
  };

  router.get('/llms', async (_req, res) => {
    reply(res, await dbmindJson(deps, 'GET', '/v1/api/llms'));
  });

  router.put('/llms', jsonBody('8kb'), async (req, res) => {
    const body = parse(selectModelRequestSchema, req.body);
    const query = new URLSearchParams({ name: body.name, user_id: userOf(res), session_id: body.session_id });
    reply(res, await dbmindJson(deps, 'PUT', `/v1/api/llms?${query.toString()}`));
  });

  router.get('/clusters', async (_req, res) => {
    reply(res, await dbmindJson(deps, 'GET', '/v1/api/clusters'));
  });

  router.put('/clusters', jsonBody('8kb'), async (req, res) => {
    const body = parse(selectClusterRequestSchema, req.body);
    const query = new URLSearchParams({
      instance: body.instance,
      user_id: userOf(res),
      session_id: body.session_id,
    });
    reply(res, await dbmindJson(deps, 'PUT', `/v1/api/clusters?${query.toString()}`));
  });

  router.post('/clusters/register', jsonBody('8kb'), async (req, res) => {
    const body = parse(registerClusterRequestSchema, req.body);
    // The password goes to DBMind and nowhere else: not into a log line, not into the answer.
    deps.logger.info(
      { requestId: res.locals.requestId, cluster: body.cluster_name, host: body.host, port: body.port },
      'registering a cluster with DBMind',
    );
    reply(res, await dbmindJson(deps, 'POST', '/v1/api/clusters/register', body));
  });

  return router;
}

/** Forwards a small JSON call to DBMind and returns its JSON body (with a clear error when it cannot). */
export async function dbmindJson(
  deps: { endpoint: string; dispatcher: Dispatcher; timeoutMs: number },
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(new URL(path, deps.endpoint), {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: deps.dispatcher,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new HttpError(
        502,
        bffErrorCodes.upstreamUnavailable,
        `DBMind answered HTTP ${response.status} without JSON.`,
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
