import { Router } from 'express';
import {
  bffErrorCodes,
  loginRequestSchema,
  switchProjectRequestSchema,
  type LoginRequest,
  type LogOutAnswer,
  type SignInOptions,
  type SessionProjects,
  type VirtualMfaRefusal,
} from '@dws-console/shared';
import { HttpError, parseInput } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Logger } from '../logging/logger.ts';
import type { IamClient, IamToken, IamTokens, IamVirtualMfa } from './iam-client.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { bestEffortRevoke } from './revoke-token.ts';
import type { Session } from './session-store.ts';
import { sessionOf, type Sessions } from './sessions.ts';

const mfaRefusals: Record<VirtualMfaRefusal, { code: string; message: string }> = {
  wrong: { code: bffErrorCodes.mfaCodeWrong, message: 'The verification code is wrong.' },
  used: {
    code: bffErrorCodes.mfaCodeUsed,
    message: 'This verification code has been used already. Wait for the next one.',
  },
  expired: {
    code: bffErrorCodes.mfaCodeExpired,
    message: 'The verification code has expired. Enter the one your authenticator shows now.',
  },
};

export function createSessionRouter(deps: {
  iam: IamClient;
  iamTokens: IamTokens;
  iamMfa: IamVirtualMfa;
  sessions: Sessions;
  limiter: LoginLimiter;
  logger: Logger;
  /** Ends what the user still has running elsewhere in the console (the chat). */
  onLogOut?: (session: Session) => Promise<void>;
  /** How people may sign in: the password form (unless turned off) and single sign-on when configured. */
  signIn: SignInOptions;
  /** The identity provider's end-session address, where an SSO session's log-out continues. */
  ssoLogoutUrl?: () => URL;
}): Router {
  const router = Router();

  router.use((_req, res, next) => {
    res.locals.route = '/api/session';
    next();
  });

  const revoke = bestEffortRevoke(deps.iamTokens, deps.logger);

  /**
   * The password first; a user whose log-ins are protected by virtual MFA then needs the code as well, asked of
   * IAM with the password again (methods password and totp). The password-only token only tells who the user
   * is and whether they need the code, and never becomes a session.
   */
  const signIn = async (
    credentials: LoginRequest,
    requestId: unknown,
  ): Promise<IamToken | VirtualMfaRefusal | 'mfaRequired' | undefined> => {
    const token = await deps.iam(credentials);
    if (!token) return undefined;
    let isRequired: boolean;
    try {
      isRequired = await deps.iamMfa.isRequired(token);
    } catch (error) {
      await revoke(token.token, requestId);
      throw error;
    }
    if (!isRequired) return token;
    await revoke(token.token, requestId);
    if (!credentials.passcode) return 'mfaRequired';
    return deps.iamMfa.signIn(credentials, token.user.id, credentials.passcode);
  };

  router.get('/sign-in', (_req, res) => {
    res.json(deps.signIn);
  });

  router.post('/', jsonBody('8kb'), async (req, res) => {
    if (!deps.signIn.password) {
      throw new HttpError(
        403,
        bffErrorCodes.forbidden,
        `The password log-in is turned off on this console: sign in with ${deps.signIn.sso?.name ?? 'single sign-on'}.`,
      );
    }
    const credentials = parseInput(loginRequestSchema, req.body);
    const who = `${credentials.domain}/${credentials.username}`.toLowerCase();
    res.locals.auditUser = who;
    res.locals.auditProject = credentials.project;
    // req.ip is the socket's address unless the request came through a configured trusted proxy.
    const address = req.ip ?? 'unknown';

    const wait = await deps.limiter.attempt(who, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(
        429,
        bffErrorCodes.tooManyRequests,
        `Too many failed log-ins. Try again in ${wait} s.`,
      );
    }
    // Any failure but a refusal means nothing was guessed: the attempt is given back.
    const token = await signIn(credentials, res.locals.requestId).catch(async (error: unknown) => {
      await deps.limiter.refund(who, address);
      throw error;
    });
    if (token === 'mfaRequired') {
      await deps.limiter.refund(who, address);
      throw new HttpError(
        401,
        bffErrorCodes.mfaRequired,
        'passcode: enter the code your virtual MFA device shows.',
      );
    }
    if (typeof token === 'string') {
      deps.logger.warn({ requestId: res.locals.requestId, user: who, reason: token }, 'MFA code refused');
      throw new HttpError(401, mfaRefusals[token].code, mfaRefusals[token].message);
    }
    if (!token) {
      deps.logger.warn({ requestId: res.locals.requestId, user: who }, 'log-in refused');
      // One message for every wrong credential, so the answer does not tell which part was wrong.
      throw new HttpError(
        401,
        bffErrorCodes.loginFailed,
        'The domain, user name, password or project is wrong.',
      );
    }
    await deps.limiter.succeed(who, address);
    const session = await deps.sessions.start(req, res, token);
    deps.logger.info(
      { requestId: res.locals.requestId, user: who, project: token.project.name },
      'logged in',
    );
    res.status(201).json(deps.sessions.info(session));
  });

  // The console asks on a timer when the session ends: were that activity, no open tab would ever go idle.
  router.get('/', deps.sessions.check, (_req, res) => {
    res.json(deps.sessions.info(sessionOf(res)));
  });

  /** The person is here (they answered the idle warning): the idle deadline moves, nothing else. */
  router.post('/activity', deps.sessions.require, (_req, res) => {
    res.json(deps.sessions.info(sessionOf(res)));
  });

  router.get('/projects', deps.sessions.require, async (_req, res) => {
    const projects = await deps.iamTokens.projects(sessionOf(res).token);
    res.json({ projects } satisfies SessionProjects);
  });

  router.put('/project', deps.sessions.require, jsonBody('8kb'), async (req, res) => {
    const { project } = parseInput(switchProjectRequestSchema, req.body);
    const before = sessionOf(res);
    res.locals.auditUser = `${before.domain.name}/${before.user.name}`.toLowerCase();
    res.locals.auditProject = project;
    const token = await deps.iamTokens.exchange(before.token, project);
    if (!token) {
      if (!(await deps.sessions.peek(req))) {
        throw new HttpError(401, bffErrorCodes.unauthenticated, 'Log in to continue.');
      }
      throw new HttpError(403, bffErrorCodes.forbidden, `project: "${project}" is not one of your projects.`);
    }
    if (!(await deps.sessions.switchProject(res, token))) {
      // Logged out while IAM was asked: the new token must not outlive the session it was meant for.
      await revoke(token.token, res.locals.requestId);
      throw new HttpError(401, bffErrorCodes.unauthenticated, 'Log in to continue.');
    }
    await revoke(before.token, res.locals.requestId);
    deps.logger.info(
      { requestId: res.locals.requestId, user: res.locals.auditUser, project: token.project.name },
      'switched project',
    );
    res.json(deps.sessions.info(sessionOf(res)));
  });

  router.delete('/', async (req, res) => {
    const session = await deps.sessions.end(req, res);
    if (session) {
      res.locals.auditUser = `${session.domain.name}/${session.user.name}`.toLowerCase();
      await revoke(session.token, res.locals.requestId);
      await deps.onLogOut?.(session).catch((error: unknown) => {
        deps.logger.warn(
          { requestId: res.locals.requestId, err: (error as Error).message },
          'cannot end the chat',
        );
      });
    }
    // An SSO session ends at the provider too (RP-initiated log-out): the page goes there next.
    if (session?.sso && deps.ssoLogoutUrl) {
      res.json({ logoutUrl: deps.ssoLogoutUrl().href } satisfies LogOutAnswer);
      return;
    }
    res.status(204).end();
  });

  return router;
}
