import { timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import { tokenRequestSchema } from '@dws-console/shared';
import { sendIamError } from '../http/errors.ts';
import type { Directory } from './directory.ts';
import { iamTime, type TokenService } from './tokens.ts';

function samePassword(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `POST /v3/auth/tokens`: the password method, a domain by name, a project scope by id or by name. */
export function createIamRouter(deps: { directory: Directory; tokens: TokenService }): Router {
  const router = Router();
  router.post('/v3/auth/tokens', express.json({ limit: '64kb' }), (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendIamError(res, 400, `Invalid request body: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { user: credentials } = parsed.data.auth.identity.password;
    const scope = parsed.data.auth.scope.project;
    const domain = deps.directory.domains.find((d) => d.name === credentials.domain.name);
    const user = domain?.users.find((u) => u.name === credentials.name);
    if (!domain || !user || !samePassword(user.password, credentials.password)) {
      return sendIamError(res, 401, 'The username or password is wrong.');
    }
    const project = domain.projects.find((p) => ('id' in scope ? p.id === scope.id : p.name === scope.name));
    if (!project) return sendIamError(res, 401, 'The project in the scope does not exist in this domain.');

    const { token, claims } = deps.tokens.issue(user, project);
    const domainRef = { id: domain.id, name: domain.name };
    res
      .status(201)
      .setHeader('X-Subject-Token', token)
      .json({
        token: {
          expires_at: iamTime(claims.expiresAt),
          issued_at: iamTime(claims.issuedAt),
          methods: ['password'],
          user: { id: user.id, name: user.name, domain: domainRef, password_expires_at: '' },
          project: { id: project.id, name: project.name, domain: domainRef },
          roles: [
            { id: '0', name: user.actions.includes('dws:*:*') ? 'DWS Administrator' : 'DWS ReadOnlyAccess' },
          ],
          ...(req.query.nocatalog === 'true' ? {} : { catalog: [] }),
        },
      });
  });
  return router;
}
