import type { RequestHandler, Response } from 'express';
import { dwsErrors } from '@dws-console/shared';
import { sendDwsError, sendKnownDwsError } from '../http/errors.ts';
import { isAllowed } from '../iam/directory.ts';
import type { ResolvedToken, TokenService } from '../iam/tokens.ts';

/**
 * Checks the `X-Auth-Token` of every DWS call as the API gateway does, and that the token's
 * project is the one in the path: another project's resources are not visible.
 */
export function requireToken(tokens: TokenService): RequestHandler {
  return (req, res, next) => {
    const check = tokens.check(req.header('X-Auth-Token'));
    if (!check.ok) {
      res.status(401).json({
        error_code: 'APIG.0301',
        error_msg: `Incorrect IAM authentication information: ${check.reason}`,
        request_id: res.getHeader('X-Request-Id'),
      });
      return;
    }
    const projectId = req.params.project_id;
    if (projectId !== check.token.projectId) {
      sendKnownDwsError(res, dwsErrors.tokenProjectMismatch);
      return;
    }
    res.locals.iamToken = check.token;
    next();
  };
}

export function token(res: Response): ResolvedToken {
  const resolved = res.locals.iamToken as ResolvedToken | undefined;
  if (!resolved) throw new Error('requireToken must run before this handler');
  return resolved;
}

/** A user without the IAM action gets 403 with a DWS error body (DWS.5036 is "no permission"). */
export function requireAction(action: string): RequestHandler {
  return (req, res, next) => {
    if (isAllowed(token(res).user, action)) return next();
    const { status, errorCode } = dwsErrors.noPermission;
    sendDwsError(res, status, errorCode, `You do not have the permission for this operation (${action}).`);
  };
}
