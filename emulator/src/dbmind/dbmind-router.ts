import {
  dbmindInternalErrorMessage,
  dbmindProgress,
  interactionRequestSchema,
  registerClusterRequestSchema,
  switchClusterQuerySchema,
  switchLlmQuerySchema,
} from '@dws-console/shared';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { z } from 'zod';
import { interact } from './interaction/interact.ts';
import type { DbmindServices } from './interaction/services.ts';
import { progress } from './output-elements.ts';
import { compactSortedJson, sseEvent, startEventStream } from './wire-format.ts';

/** GaussMaster answers with compact, key-sorted JSON everywhere. */
function send(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(compactSortedJson(body));
}

function ok(res: Response, data: unknown): void {
  send(res, 200, { data, success: true });
}

/** One sentence per broken rule, in GaussMaster's words ("Incorrect value for parameter user_id"). */
function rejectInput(res: Response, error: z.core.$ZodError): void {
  const msg = error.issues
    .map((issue) => `Incorrect value for parameter ${issue.path.join('.') || 'body'}: ${issue.message}.`)
    .join(' ');
  send(res, 400, { msg, success: false });
}

/** GaussMaster answers an unexpected failure with HTTP 200 and `success: false`; clients read `success`. */
function internalError(res: Response, error: unknown): void {
  console.error('dbmind: unexpected error', error instanceof Error ? error.message : error);
  if (!res.headersSent) send(res, 200, { msg: dbmindInternalErrorMessage, success: false });
}

function queryParams(req: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** DBMind's intelligent O&M API (GaussMaster): the streaming chat, the models, the managed clusters. */
export function createDbmindRouter(services: DbmindServices): Router {
  const router = Router();

  router.post('/v1/api/app/intelligent-interaction', async (req, res) => {
    const parsed = interactionRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return rejectInput(res, parsed.error);

    startEventStream(res);
    const abort = new AbortController();
    // The client went away: stop the tools and the model call.
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const write = (payload: unknown) => {
      if (!res.destroyed && !res.writableEnded) res.write(sseEvent(payload));
    };
    try {
      for await (const elements of interact(services, parsed.data, abort.signal)) {
        if (abort.signal.aborted) break;
        write({ data: elements, success: true });
      }
      write({ data: [progress(dbmindProgress.done)], success: true });
    } catch (error) {
      console.error('dbmind: interaction failed', error instanceof Error ? error.message : error);
      write({ msg: dbmindInternalErrorMessage, success: false });
    } finally {
      res.end();
    }
  });

  router.get('/v1/api/llms', async (_req, res) => {
    try {
      ok(res, await services.models.list());
    } catch (error) {
      internalError(res, error);
    }
  });

  router.put('/v1/api/llms', async (req, res) => {
    const parsed = switchLlmQuerySchema.safeParse({
      ...queryParams(req),
      ...(req.body as object | undefined),
    });
    if (!parsed.success) return rejectInput(res, parsed.error);
    try {
      const { name, user_id: userId, session_id: sessionId } = parsed.data;
      if (!(await services.models.available(name))) {
        console.error(`dbmind: model ${name} is not available`);
        return ok(res, false);
      }
      services.sessions.setLlm(userId, sessionId, name);
      ok(res, true);
    } catch (error) {
      internalError(res, error);
    }
  });

  router.get('/v1/api/clusters', async (_req, res) => {
    try {
      ok(res, await services.directory.clusterMap());
    } catch (error) {
      internalError(res, error);
    }
  });

  router.put('/v1/api/clusters', async (req, res) => {
    const parsed = switchClusterQuerySchema.safeParse({
      ...queryParams(req),
      ...(req.body as object | undefined),
    });
    if (!parsed.success) return rejectInput(res, parsed.error);
    try {
      const { instance, user_id: userId, session_id: sessionId } = parsed.data;
      const found = await services.directory.find(instance);
      // GaussMaster only switches to a registered cluster.
      if (!found || !services.directory.registrationOf(found)) return ok(res, false);
      services.sessions.setInstance(userId, sessionId, instance);
      ok(res, true);
    } catch (error) {
      internalError(res, error);
    }
  });

  router.post('/v1/api/clusters/register', async (req, res) => {
    const parsed = registerClusterRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return rejectInput(res, parsed.error);
    try {
      ok(res, await services.directory.register(parsed.data));
    } catch (error) {
      internalError(res, error);
    }
  });

  return router;
}

/** Bodies that are not JSON, or too large, answered in DBMind's shape instead of an HTML page. */
export const dbmindErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500;
  if (res.headersSent) return;
  if (status === 400) return send(res, 400, { msg: 'The request body is not valid JSON.', success: false });
  if (status === 413) return send(res, 413, { msg: 'The request body is too large.', success: false });
  internalError(res, error);
};
