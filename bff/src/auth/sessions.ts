import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { bffErrorCodes, sessionRights, shownProjectHeader, type SessionInfo } from '@dws-console/shared';
import { HttpError } from '../http/errors.ts';
import type { IamToken } from './iam-client.ts';
import { clearSessionCookie, readSessionId, writeSessionCookie } from './session-cookie.ts';
import { ssoKeys, type Session, type SessionStore } from './session-store.ts';
import type { SsoTokens } from './sso-tokens.ts';

/** Keystone clients treat a token as stale this long before it expires; so does the console. */
const tokenMarginMs = 120_000;
/** Refreshing the idle deadline on every request would write to the store on every request. */
const touchEveryMs = 30_000;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface Sessions {
  /**
   * Starts a session for a fresh token (with who the identity provider signed in, for single sign-on); a session
   * the browser still presented is ended and its token revoked.
   */
  start(req: Request, res: Response, token: IamToken, sso?: Session['sso']): Promise<Session>;
  /** Ends the browser's session and answers what it was, so its token can be revoked. */
  end(req: Request, res: Response): Promise<Session | undefined>;
  /**
   * Moves the request's session to a token of another project. False when the session ended meanwhile
   * (a log-out while IAM was asked): it is not brought back.
   */
  switchProject(res: Response, token: IamToken): Promise<boolean>;
  /**
   * Middleware: loads the session or answers 401; the session is then in `res.locals.session`. A session found
   * past its end is deleted and its token revoked. A request naming another project than the session's
   * (`shownProjectHeader`) is answered 412. The request counts as the person's activity (the idle timeout).
   */
  require: RequestHandler;
  /** `require` for a request that is not the person's activity: the console asking when the session ends. */
  check: RequestHandler;
  info(session: Session): SessionInfo;
  /** The session behind a request while it lasts, without refreshing it (for the audit trail). */
  peek(req: Request): Promise<Session | undefined>;
  count(): Promise<number>;
  /**
   * Ends the sessions of a person the identity provider signed out: the one provider session it names, or
   * every session of the person, and revokes their IAM tokens. Answers how many ended, and whose they were.
   */
  endSso(identity: {
    issuer: string;
    subject: string;
    sessionId?: string;
  }): Promise<{ ended: number; userIds: string[] }>;
}

export function sessionOf(res: Response): Session & { id: string } {
  const session = res.locals.session as (Session & { id: string }) | undefined;
  if (!session) throw new Error('sessions.require must run before this handler');
  return session;
}

/**
 * `revoke` tells IAM that a token the console drops is over (best effort: it never throws). A session's token
 * is dropped at log-in over a session the browser still had, and when a session is found past its end: IAM
 * would otherwise honour it for the rest of its own lifetime (a day), though no session uses it any more.
 * `ssoTokens` keeps single sign-on sessions' tokens where a back-channel log-out, which has no cookie, finds them.
 */
export function createSessions(
  store: SessionStore,
  policy: SessionPolicy,
  now: () => number = Date.now,
  revoke: (token: string, requestId?: unknown) => Promise<void> = () => Promise.resolve(),
  ssoTokens?: SsoTokens,
): Sessions {
  const endsAt = (session: Session) =>
    Math.min(session.createdAt + policy.absoluteMs, session.tokenExpiresAt - tokenMarginMs);
  const liveUntil = (session: Session) => Math.min(endsAt(session), session.lastSeenAt + policy.idleMs);
  const live = (session: Session | undefined) =>
    session && now() < liveUntil(session) ? session : undefined;
  const keepSsoToken = (session: Session) =>
    session.sso
      ? ssoTokens?.keep(
          ssoKeys(session.sso),
          { token: session.token, userId: session.user.id },
          session.tokenExpiresAt,
        )
      : undefined;
  const forgetSsoToken = (session: Session | undefined) =>
    session?.sso ? ssoTokens?.forget(ssoKeys(session.sso), session.token) : undefined;

  /** Loads the request's session or answers 401; `isActivity` moves the idle deadline. */
  const load =
    (isActivity: boolean): RequestHandler =>
    async (req, res, next) => {
      const id = readSessionId(req);
      const session = id ? await store.get(id) : undefined;
      const at = now();
      if (!id || !session || at >= liveUntil(session)) {
        if (id) {
          await store.delete(id);
          clearSessionCookie(res);
        }
        // The store keeps a record until its token expires (session-store.ts), so an ended session's token is
        // still known here and can be revoked.
        if (session) {
          await revoke(session.token, res.locals.requestId);
          await forgetSsoToken(session);
        }
        return next(new HttpError(401, bffErrorCodes.unauthenticated, 'Log in to continue.'));
      }
      const shown = req.header(shownProjectHeader);
      if (shown !== undefined && shown !== session.project.id) {
        return next(
          new HttpError(
            412,
            bffErrorCodes.projectChanged,
            `${shownProjectHeader}: the session has moved to project ${session.project.name}; show that project.`,
          ),
        );
      }
      if (isActivity && at - session.lastSeenAt > touchEveryMs) {
        session.lastSeenAt = at;
        await store.update(id, session, liveUntil(session));
      }
      res.locals.session = { ...session, id };
      next();
    };

  return {
    async start(req, res, token, sso) {
      // A fresh id at every log-in: an id planted before log-in is never promoted (session fixation),
      // and the one it replaces stops working rather than lingering beside it.
      const previousId = readSessionId(req);
      const previous = previousId ? await store.get(previousId) : undefined;
      if (previousId) await store.delete(previousId);
      if (previous) {
        await revoke(previous.token, res.locals.requestId);
        await forgetSsoToken(previous);
      }
      const id = randomBytes(32).toString('base64url');
      const at = now();
      const session: Session = {
        token: token.token,
        tokenExpiresAt: token.expiresAt,
        user: token.user,
        domain: token.domain,
        project: token.project,
        roles: token.roles,
        createdAt: at,
        lastSeenAt: at,
        ...(sso ? { sso } : {}),
      };
      // After the store, whose refusal answers 503 when Redis is away.
      await store.set(id, session, liveUntil(session));
      await keepSsoToken(session);
      writeSessionCookie(res, id);
      return session;
    },

    async end(req, res) {
      const id = readSessionId(req);
      const session = id ? await store.get(id) : undefined;
      if (id) await store.delete(id);
      clearSessionCookie(res);
      await forgetSsoToken(session);
      return session;
    },

    async switchProject(res, token) {
      const { id, ...current } = sessionOf(res);
      const session: Session = {
        ...current,
        token: token.token,
        tokenExpiresAt: token.expiresAt,
        project: token.project,
        roles: token.roles,
        lastSeenAt: now(),
      };
      if (!(await store.update(id, session, liveUntil(session)))) return false;
      await keepSsoToken(session);
      await forgetSsoToken(current);
      res.locals.session = { ...session, id };
      return true;
    },

    require: load(true),
    check: load(false),

    info(session) {
      const idleEnd = session.lastSeenAt + policy.idleMs;
      return {
        user: session.user,
        domain: session.domain,
        project: session.project,
        expiresAt: new Date(liveUntil(session)).toISOString(),
        isIdleEnd: idleEnd < endsAt(session),
        rights: sessionRights(session.roles),
        signedInWith: session.sso ? 'sso' : 'password',
      };
    },

    count: () => store.count(),

    async endSso(identity) {
      const keys = identity.sessionId
        ? ssoKeys({ issuer: identity.issuer, sessionId: identity.sessionId })
        : ssoKeys(identity);
      const tokens = (await ssoTokens?.take(keys)) ?? [];
      const ended = await store.deleteSignedIn(keys);
      for (const { token } of tokens) await revoke(token);
      return { ended, userIds: [...new Set(tokens.map((t) => t.userId))] };
    },

    peek: async (req) => {
      const id = readSessionId(req);
      return live(id ? await store.get(id) : undefined);
    },
  };
}
