import type { Agent } from 'node:https';
import { Router } from 'express';
import {
  apiErrorBodySchema,
  bffErrorCodes,
  traceListAction,
  traceListQuerySchema,
  traceListResponseSchema,
} from '@dws-console/shared';
import { sessionOf, type Sessions } from '../auth/sessions.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { getUpstreamJson } from '../http/upstream-json.ts';

interface Upstream {
  endpoint: string;
  agent: Agent;
  timeoutMs: number;
}

function unreachable(): HttpError {
  return new HttpError(
    502,
    bffErrorCodes.upstreamUnavailable,
    'The operations log cannot be read (Cloud Trace Service did not answer as expected).',
  );
}

/**
 * The operations log: Cloud Trace Service's trace list for the session's project, with its token, so CTS
 * decides what the user may read (`cts:trace:list`). Both the browser's query and CTS's answer are
 * checked against shared's contract; only management (`system`) traces are asked for.
 */
export function createTracesRouter(deps: Upstream & { sessions: Sessions }): Router {
  const router = Router();
  router.get('/', deps.sessions.require, async (req, res, next) => {
    try {
      const query = parseInput(traceListQuerySchema, { ...req.query, trace_type: 'system' });
      const session = sessionOf(res);
      const url = new URL(`/v3/${encodeURIComponent(session.project.id)}/traces`, deps.endpoint);
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const answer = await getUpstreamJson(deps, url, session.token, unreachable);
      if (answer.status === 200) {
        const list = traceListResponseSchema.safeParse(answer.body);
        if (!list.success) throw unreachable();
        res.json(list.data);
        return;
      }
      if (answer.status === 401) {
        throw new HttpError(401, bffErrorCodes.sessionExpired, 'The session has expired. Log in again.');
      }
      if (answer.status === 403) {
        throw new HttpError(
          403,
          bffErrorCodes.forbidden,
          `Your IAM rights do not include ${traceListAction}: the operations log is not yours to read.`,
        );
      }
      const error = apiErrorBodySchema.safeParse(answer.body);
      if (answer.status === 400 && error.success) {
        throw new HttpError(400, error.data.error_code, error.data.error_msg);
      }
      throw unreachable();
    } catch (error) {
      next(error);
    }
  });
  return router;
}
