import { Router } from 'express';
import { bffErrorCodes, describeIssues, loginRequestSchema } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Logger } from '../logging/logger.ts';
import type { IamClient } from './iam-client.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { Session } from './session-store.ts';
import { sessionOf, type Sessions } from './sessions.ts';

export function createSessionRouter(deps: {
  iam: IamClient;
  sessions: Sessions;
  limiter: LoginLimiter;
  logger: Logger;
  /** Ends what the user still has running elsewhere in the console (the chat). */
  onLogOut?: (session: Session) => Promise<void>;
}): Router {
  const router = Router();

  router.use((_req, res, next) => {
    res.locals.route = '/api/session';
    next();
  });

  router.post('/', jsonBody('8kb'), async (req, res) => {
    const parsed = loginRequestSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, bffErrorCodes.validation, describeIssues(parsed.error));
    const credentials = parsed.data;
    const who = `${credentials.domain}/${credentials.username}`.toLowerCase();
    res.locals.auditUser = who;
    res.locals.auditProject = credentials.project;
    const address = req.socket.remoteAddress ?? 'unknown';

    const wait = deps.limiter.retryAfter(who, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(
        429,
        bffErrorCodes.tooManyRequests,
        `Too many failed log-ins. Try again in ${wait} s.`,
      );
    }
    const token = await deps.iam(credentials);
    if (!token) {
      deps.limiter.fail(who, address);
      deps.logger.warn({ requestId: res.locals.requestId, user: who }, 'log-in refused');
      // One message for every wrong credential, so the answer does not tell which part was wrong.
      throw new HttpError(
        401,
        bffErrorCodes.loginFailed,
        'The domain, user name, password or project is wrong.',
      );
    }
    deps.limiter.succeed(who);
    const session = await deps.sessions.start(req, res, token);
    deps.logger.info(
      { requestId: res.locals.requestId, user: who, project: token.project.name },
      'logged in',
    );
    res.status(201).json(deps.sessions.info(session));
  });

  router.get('/', deps.sessions.require, (_req, res) => {
    res.json(deps.sessions.info(sessionOf(res)));
  });

  router.delete('/', async (req, res) => {
    const session = await deps.sessions.peek(req);
    if (session) res.locals.auditUser = `${session.domain.name}/${session.user.name}`.toLowerCase();
    await deps.sessions.end(req, res);
    if (session) {
      await deps.onLogOut?.(session).catch((error: unknown) => {
        deps.logger.warn(
          { requestId: res.locals.requestId, err: (error as Error).message },
          'cannot end the chat',
        );
      });
    }
    res.status(204).end();
  });

  return router;
}
