import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  bindMfaDeviceSchema,
  createVirtualMfaDeviceSchema,
  idTokenRequestSchema,
  tokenRequestSchema,
  virtualMfaRefusals,
  type LoginProtect,
} from '@dws-console/shared';
import { noteCaller } from '../cts/trace-recorder.ts';
import { sendIamError } from '../http/errors.ts';
import type { Directory, DirectoryDomain, DirectoryProject, DirectoryUser } from './directory.ts';
import { FederationService } from './federation.ts';
import { federatedUser, iamTime, type ResolvedToken, type TokenClaims, type TokenService } from './tokens.ts';
import { VirtualMfaCodes, VirtualMfaDevices } from './virtual-mfa.ts';

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

function invalidBody(res: Response, error: z.core.$ZodError): void {
  const issue = error.issues[0];
  sendIamError(res, 400, `Invalid request body: ${issue?.path.join('.')}: ${issue?.message}`);
}

/** Role ids are opaque to their users; one stable id per name, as IAM's system roles have. */
function roleId(name: string): string {
  return createHash('sha256').update(`role:${name}`).digest('hex').slice(0, 32);
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
      user: {
        id: user.id,
        name: user.name,
        domain: domainRef,
        password_expires_at: '',
        ...(claims.federation
          ? {
              'OS-FEDERATION': {
                identity_provider: { id: claims.federation.identityProvider },
                protocol: { id: 'oidc' },
                groups: claims.federation.groups.map((name) => ({ id: roleId(`group:${name}`), name })),
              },
            }
          : {}),
      },
      project: { id: project.id, name: project.name, domain: domainRef },
      roles: user.roles.map((name) => ({ id: roleId(name), name })),
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
 * IAM as the console and the reference's quick start use it: tokens by password (with a virtual MFA code when
 * the user has one) or by token (`POST /v3/auth/tokens`), their validation and revocation, the user's projects
 * and login protection.
 */
export function createIamRouter(deps: { directory: Directory; tokens: TokenService }): Router {
  const router = Router();
  const mfaCodes = new VirtualMfaCodes();
  const mfaDevices = new VirtualMfaDevices();
  const federation = new FederationService(deps.directory.domains);

  /** The caller's own token (`X-Auth-Token`), or a 401 in IAM's shape. */
  const caller = (req: Request, res: Response): ResolvedToken | undefined => {
    const check = deps.tokens.check(req.header('X-Auth-Token'));
    if (check.ok) return check.token;
    sendIamError(res, 401, `The token is invalid: ${check.reason}`);
    return undefined;
  };

  router.post('/v3/auth/tokens', express.json({ limit: '64kb' }), (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalidBody(res, parsed.error);
    const { identity, scope } = parsed.data.auth;
    const scoped = (d: DirectoryDomain) =>
      d.projects.find((p) =>
        'id' in scope.project ? p.id === scope.project.id : p.name === scope.project.name,
      );
    let domain: DirectoryDomain | undefined;
    let user: DirectoryUser | undefined;
    let expiresAt: number | undefined;
    let federated: ResolvedToken['federation'];
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
      if ('totp' in identity) {
        if (identity.totp.user.id !== user.id) {
          return sendIamError(res, 401, 'The user in totp is not the user of the password.');
        }
        const refusal = mfaCodes.check(user, identity.totp.user.passcode);
        if (refusal) return sendIamError(res, 401, virtualMfaRefusals[refusal]);
      }
    } else {
      const check = deps.tokens.check(identity.token.id);
      if (!check.ok) return sendIamError(res, 401, `The token is invalid: ${check.reason}`);
      ({ domain, user, expiresAt, federation: federated } = check.token);
    }
    if (!domain || !user) return sendIamError(res, 401, 'The username or password is wrong.');
    const project = scoped(domain);
    if (!project) return sendIamError(res, 401, 'The project in the scope does not exist in this domain.');
    if (federated) user = federatedUser(domain, project, user.id, federated);
    noteCaller(res, { domain, user, project });
    const { token, claims } = deps.tokens.issue(user, project, expiresAt, federated);
    res
      .status(201)
      .setHeader('X-Subject-Token', token)
      .json(tokenBody(req, identity.methods, domain, user, project, claims));
  });

  /**
   * A federated token for an OpenID Connect ID token (iam_13_0605): the identity provider in `X-Idp-Id`, the
   * person's groups from its mapping rules. Without a scope the token is for the first project the groups give
   * any role in.
   */
  router.post('/v3.0/OS-AUTH/id-token/tokens', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = idTokenRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalidBody(res, parsed.error);
    const exchange = await federation.exchange(req.header('X-Idp-Id'), parsed.data.auth.id_token.id);
    if (!exchange.ok) return sendIamError(res, exchange.status, exchange.message);
    const domain = deps.directory.domains.find((d) => d.id === exchange.federation.domainId);
    const scope = parsed.data.auth.scope?.project;
    const project = domain?.projects.find((p) =>
      scope
        ? 'id' in scope
          ? p.id === scope.id
          : p.name === scope.name
        : federatedUser(domain, p, exchange.userId, exchange.federation).roles.length > 0,
    );
    if (!domain || !project) {
      return sendIamError(res, 401, 'The project in the scope does not exist in this domain.');
    }
    const user = federatedUser(domain, project, exchange.userId, exchange.federation);
    const { token, claims } = deps.tokens.issue(user, project, undefined, exchange.federation);
    res
      .status(201)
      .setHeader('X-Subject-Token', token)
      .json(tokenBody(req, ['mapped'], domain, user, project, claims));
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

  /** Login protection (iam_08_0013): a user may read their own; a bound virtual MFA device protects log-ins. */
  router.get('/v3.0/OS-USER/users/:userId/login-protect', (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    if (req.params.userId !== who.userId) {
      return sendIamError(res, 403, 'A user may read only their own login protection.');
    }
    res.json({
      login_protect: {
        user_id: who.userId,
        enabled: who.user.virtual_mfa !== undefined,
        verification_method: who.user.virtual_mfa ? 'vmfa' : 'none',
      },
    } satisfies LoginProtect);
  });

  /** Creates a virtual MFA device for the caller; a user with a bound device must unbind it first. */
  router.post('/v3.0/OS-MFA/virtual-mfa-devices', express.json({ limit: '8kb' }), (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    const parsed = createVirtualMfaDeviceSchema.safeParse(req.body);
    if (!parsed.success) return invalidBody(res, parsed.error);
    const { name, user_id: userId } = parsed.data.virtual_mfa_device;
    if (userId !== who.userId)
      return sendIamError(res, 403, 'A user may create MFA devices only for themselves.');
    if (who.user.virtual_mfa)
      return sendIamError(res, 409, 'The user already has a virtual MFA device bound.');
    res.status(201).json({ virtual_mfa_device: mfaDevices.create(who.user, name) });
  });

  /** Binds the caller's created device, proven by two consecutive codes. */
  router.put('/v3.0/OS-MFA/mfa-devices/bind', express.json({ limit: '8kb' }), (req, res) => {
    const who = caller(req, res);
    if (!who) return;
    const parsed = bindMfaDeviceSchema.safeParse(req.body);
    if (!parsed.success) return invalidBody(res, parsed.error);
    const binding = parsed.data.binding_device;
    if (binding.user_id !== who.userId)
      return sendIamError(res, 403, 'A user may bind MFA devices only for themselves.');
    if (who.user.virtual_mfa)
      return sendIamError(res, 409, 'The user already has a virtual MFA device bound.');
    const refusal = mfaDevices.bind(
      who.user,
      binding.serial_number,
      binding.authentication_code_first,
      binding.authentication_code_second,
    );
    if (refusal) return sendIamError(res, 400, refusal);
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
