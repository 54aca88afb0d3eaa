import { Router } from 'express';
import { describeIssues, traceListAction, traceListQuerySchema } from '@dws-console/shared';
import { requireToken, token } from '../dws/auth.ts';
import { sendDwsError } from '../http/errors.ts';
import { isAllowed } from '../iam/directory.ts';
import type { TokenService } from '../iam/tokens.ts';
import type { TraceStore } from './trace-store.ts';

/** The emulator's CTS error codes: one for a refused caller, one for a request that breaks a rule. */
export const ctsErrors = {
  noPermission: 'CTS.0003',
  invalidParameter: 'CTS.0001',
} as const;

/** Cloud Trace Service's trace list (`GET /v3/{project_id}/traces`, cts_api_0311), behind `cts:trace:list`. */
export function createCtsRouter(deps: { tokens: TokenService; traces: TraceStore }): Router {
  const router = Router();
  router.get('/v3/:project_id/traces', requireToken(deps.tokens), (req, res) => {
    const caller = token(res);
    if (!isAllowed(caller.user, traceListAction)) {
      return sendDwsError(
        res,
        403,
        ctsErrors.noPermission,
        `You do not have the permission for this operation (${traceListAction}).`,
      );
    }
    const parsed = traceListQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return sendDwsError(res, 400, ctsErrors.invalidParameter, describeIssues(parsed.error));
    }
    const page = deps.traces.list(caller.project.id, parsed.data);
    if (!page) {
      return sendDwsError(res, 400, ctsErrors.invalidParameter, 'next: names no trace of this project.');
    }
    res.json({ traces: page.traces, meta_data: { count: page.traces.length, marker: page.marker } });
  });
  return router;
}
