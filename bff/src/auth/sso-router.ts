import express, { Router, type Response } from 'express';
import * as oidc from 'openid-client';
import { ssoPaths, type SsoRefusal } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { IamTokens } from './iam-client.ts';
import { open, seal } from './session-seal.ts';
import { readCookie } from './session-cookie.ts';
import type { Sessions } from './sessions.ts';
import type { SsoClient, SsoFlow } from './sso.ts';

/**
 * The flow between the start and the provider's answer lives in the browser, sealed under a key derived from the
 * client secret that every console process holds: any process can finish a sign-in another one started, with no
 * shared store. SameSite=Lax, since the provider's redirect back is a cross-site navigation.
 */
const flowCookie = '__Host-dws-sso-flow';
const flowSeconds = 600;
const flowAad = 'dws-console sso flow v1';

/** A page of this console to come back to: a path, never another site (`//host`) nor the API. */
function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || value.startsWith('/api/')) return '/';
  return value.length <= 2048 ? value : '/';
}

/** The error and what it wraps: openid-client says which check failed in the cause of its own error. */
function describe(error: unknown): string {
  const messages = [];
  for (let e = error; e instanceof Error && messages.length < 4; e = e.cause) messages.push(e.message);
  return messages.join(': ') || 'unknown';
}

function refusalOf(error: unknown): SsoRefusal {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError)
    return 'provider';
  if (error instanceof oidc.ClientError) return /"state"/.test(describe(error)) ? 'state' : 'token';
  return 'unavailable';
}

export function createSsoRouter(deps: {
  sso: SsoClient;
  iamTokens: IamTokens;
  sessions: Sessions;
  logger: Logger;
  /** Ends what a person signed out by the provider still has running in the console (the chat). */
  onSignedOut?: (session: { user: { id: string } }) => Promise<void>;
}): Router {
  const router = Router();
  const { settings } = deps.sso;

  router.use((_req, res, next) => {
    res.locals.route = '/api/session/sso';
    next();
  });

  const clearFlow = (res: Response) =>
    res.append('Set-Cookie', `${flowCookie}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);

  const refuse = (res: Response, reason: SsoRefusal, detail: string) => {
    deps.logger.warn({ requestId: res.locals.requestId, reason, detail }, 'single sign-on refused');
    res.redirect(303, `${ssoPaths.logIn}?sso=${reason}`);
  };

  router.get('/start', async (req, res) => {
    const { url, flow } = await deps.sso.start(safeReturnPath(req.query.next));
    const sealed = seal(
      settings.clientSecret,
      JSON.stringify({ ...flow, until: Date.now() + flowSeconds * 1000 }),
      flowAad,
    );
    res.append(
      'Set-Cookie',
      `${flowCookie}=${sealed}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${flowSeconds}`,
    );
    res.redirect(303, url.href);
  });

  router.get('/callback', async (req, res) => {
    clearFlow(res);
    const sealed = readCookie(req, flowCookie);
    const opened = sealed ? open(settings.clientSecret, sealed, flowAad) : undefined;
    const flow = opened ? (JSON.parse(opened) as SsoFlow & { until: number }) : undefined;
    if (!flow || flow.until < Date.now()) return refuse(res, 'state', 'no sign-in under way in this browser');

    let signedIn: Awaited<ReturnType<SsoClient['finish']>>;
    try {
      signedIn = await deps.sso.finish(new URL(req.originalUrl, settings.consoleUrl), flow);
    } catch (error) {
      return refuse(res, refusalOf(error), describe(error));
    }
    let token: Awaited<ReturnType<IamTokens['federated']>>;
    try {
      token = await deps.iamTokens.federated(signedIn.idToken, settings.iamIdpId);
    } catch (error) {
      return refuse(res, 'unavailable', describe(error));
    }
    if ('refused' in token) return refuse(res, 'iam', token.refused);
    await deps.sessions.start(req, res, token, signedIn.identity);
    res.locals.auditUser = `${token.domain.name}/${token.user.name}`.toLowerCase();
    deps.logger.info(
      { requestId: res.locals.requestId, user: res.locals.auditUser, project: token.project.name },
      'signed in with single sign-on',
    );
    res.redirect(303, flow.returnTo);
  });

  router.post(
    '/back-channel-logout',
    express.urlencoded({ extended: false, limit: '16kb' }),
    async (req, res) => {
      const token = (req.body as { logout_token?: unknown } | undefined)?.logout_token;
      if (typeof token !== 'string')
        throw new HttpError(400, 'invalid_request', 'logout_token: is required.');
      res.setHeader('Cache-Control', 'no-store');
      let identity: Awaited<ReturnType<SsoClient['verifyLogoutToken']>>;
      try {
        identity = await deps.sso.verifyLogoutToken(token);
      } catch (error) {
        deps.logger.warn(
          { requestId: res.locals.requestId, err: error instanceof Error ? error.message : 'unknown' },
          'back-channel log-out refused',
        );
        throw new HttpError(400, 'invalid_request', 'logout_token: is not a log-out token of this provider.');
      }
      const { ended, userIds } = await deps.sessions.endSso(identity);
      for (const id of userIds) {
        await deps.onSignedOut?.({ user: { id } }).catch((error: unknown) => {
          deps.logger.warn(
            { requestId: res.locals.requestId, err: error instanceof Error ? error.message : 'unknown' },
            'cannot end the chat',
          );
        });
      }
      deps.logger.info({ requestId: res.locals.requestId, ended }, 'back-channel log-out');
      res.status(200).end();
    },
  );

  return router;
}
