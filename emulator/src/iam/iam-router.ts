import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { tokenRequestSchema } from '@dws-console/shared';
import { noteCaller } from '../cts/trace-recorder.ts';
import { sendIamError } from '../http/errors.ts';
import type { Directory, DirectoryDomain, DirectoryProject, DirectoryUser } from './directory.ts';
import { iamTime, type ResolvedToken, type TokenClaims, type TokenService } from './tokens.ts';

function samePassword(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The emulator serves IAM and DWS on one endpoint, so the catalog points back at the host the caller used. */
function baseUrl(req: Request): string {
  return `https://${req.get('host') ?? 'localhost'}`;
}

/** Huawei Cloud project names are region names (`ae-ad-1`): the project's DWS endpoint is in that region. */
function catalog(req: Request, project: DirectoryProject) {
  const base = baseUrl(req);
  const endpoint = (service: string, url: string) => ({
    id: `${service}-${project.id}`,
    interface: 'public',
    region: project.name,
    region_id: project.name,
    url,
  });
  return [
    { id: 'dws', type: 'dws', name: 'dws', endpoints: [endpoint('dws', `${base}/v1.0/${project.id}`)] },
    { id: 'iam', type: 'identity', name: 'iam', endpoints: [endpoint('iam', `${base}/v3`)] },
  ];
}

function tokenBody(
  req: Request,
  methods: string[],
  domain: DirectoryDomain,
  user: DirectoryUser,
  project: DirectoryProject,
  claims: TokenClaims,
) {
  const domainRef = { id: domain.id, name: domain.name };
  return {
    token: {
      expires_at: iamTime(claims.expiresAt),
      issued_at: iamTime(claims.issuedAt),
      methods,
      user: { id: user.id, name: user.name, domain: domainRef, password_expires_at: '' },
      project: { id: project.id, name: project.name, domain: domainRef },
      roles: [
        { id: '0', name: user.actions.includes('dws:*:*') ? 'DWS Administrator' : 'DWS ReadOnlyAccess' },
      ],
      ...(req.query.nocatalog === 'true' ? {} : { catalog: catalog(req, project) }),
    },
  };
}

function projectView(req: Request, domain: DirectoryDomain, project: DirectoryProject) {
  return {
    id: project.id,
    name: project.name,
    domain_id: domain.id,
    parent_id: domain.id,
    is_domain: false,
    enabled: true,
    description: '',
    links: { next: null, previous: null, self: `${baseUrl(req)}/v3/projects/${project.id}` },
  };
}

/**
 * IAM as the console and the reference's quick start use it: tokens by password or by token
 * (`POST /v3/auth/tokens`), their validation and revocation, and the user's projects.
 */
export function createIamRouter(deps: { directory: Directory; tokens: TokenService }): Router {
  const router = Router();

  /** The caller's own token (`X-Auth-Token`), or a 401 in IAM's shape. */
  const caller = (req: Request, res: Response): ResolvedToken | undefined => {
    const check = deps.tokens.check(req.header('X-Auth-Token'));
    if (check.ok) return check.token;
    sendIamError(res, 401, `The token is invalid: ${check.reason}`);
    return undefined;
  };

  router.post('/v3/auth/tokens', express.json({ limit: '64kb' }), (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendIamError(res, 400, `Invalid request body: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { identity, scope } = parsed.data.auth;
    const scoped = (d: DirectoryDomain) =>
      d.projects.find((p) =>
        'id' in scope.project ? p.id === scope.project.id : p.name === scope.project.name,
      );
    let domain: DirectoryDomain | undefined;
    let user: DirectoryUser | undefined;
    let expiresAt: number | undefined;
    if ('password' in identity) {
      const credentials = identity.password.user;
      domain = deps.directory.domains.find((d) => d.name === credentials.domain.name);
      user = domain?.users.find((u) => u.name === credentials.name);
      if (!user || !samePassword(user.password, credentials.password)) {
        // A wrong password for a real user of the project is a refusal that project's traces show.
        const project = domain && scoped(domain);
        if (domain && user && project) noteCaller(res, { domain, user, project });
        return sendIamError(res, 401, 'The username or password is wrong.');
      }
    } else {
      const check = deps.tokens.check(identity.token.id);
      if (!check.ok) return sendIamError(res, 401, `The token is invalid: ${check.reason}`);
      ({ domain, user, expiresAt } = check.token);
    }
    if (!domain || !user) return sendIamError(res, 401, 'The username or password is wrong.');
    const project = scoped(domain);
    if (!project) return sendIamError(res, 401, 'The project in the scope does not exist in this domain.');
    noteCaller(res, { domain, user, project });
    const { token, claims } = deps.tokens.issue(user, project, expiresAt);
    res
      .status(201)
      .setHeader('X-Subject-Token', token)
      .json(tokenBody(req, identity.methods, domain, user, project, claims));
  });

  /** Validates `X-Subject-Token` for the holder of `X-Auth-Token`. */
  router.get('/v3/auth/tokens', (req, res) => {
    if (!caller(req, res)) return;
    const subject = deps.tokens.check(req.header('X-Subject-Token'));
    if (!subject.ok) return sendIamError(res, 404, `The subject token is invalid: ${subject.reason}`);
    const { domain, user, project } = subject.token;
    res.setHeader('X-Subject-Token', req.header('X-Subject-Token') ?? '');
    res.json(tokenBody(req, ['token'], domain, user, project, subject.token));
  });

  /** Revokes `X-Subject-Token`; a user may revoke only their own tokens. */
  router.delete('/v3/auth/tokens', async (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    noteCaller(res, who);
    const subjectToken = req.header('X-Subject-Token');
    const subject = deps.tokens.check(subjectToken);
    if (!subject.ok || !subjectToken) {
      return sendIamError(
        res,
        404,
        `The subject token is invalid: ${subject.ok ? 'missing' : subject.reason}`,
      );
    }
    if (subject.token.userId !== who.userId) {
      return sendIamError(res, 403, 'A user may revoke only their own tokens.');
    }
    await deps.tokens.revoke(subjectToken);
    res.status(204).end();
  });

  /** The projects the token's user may scope a token to: every project of the user's domain. */
  router.get('/v3/auth/projects', (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    res.json({
      projects: who.domain.projects.map((p) => projectView(req, who.domain, p)),
      links: { next: null, previous: null, self: `${baseUrl(req)}/v3/auth/projects` },
    });
  });

  /** Appendix 7.4: the projects of the caller's domain, optionally only the one with `?name=`. */
  router.get('/v3/projects', (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    const name = typeof req.query.name === 'string' ? req.query.name : undefined;
    res.json({
      projects: who.domain.projects
        .filter((p) => name === undefined || p.name === name)
        .map((p) => projectView(req, who.domain, p)),
      links: { next: null, previous: null, self: `${baseUrl(req)}/v3/projects` },
    });
  });

  return router;
}
