import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Directory, DirectoryDomain, DirectoryProject, DirectoryUser } from './directory.ts';

export const tokenLifetimeMs = 24 * 60 * 60 * 1000;

export interface TokenClaims {
  userId: string;
  projectId: string;
  issuedAt: number;
  expiresAt: number;
}

export interface ResolvedToken extends TokenClaims {
  domain: DirectoryDomain;
  user: DirectoryUser;
  project: DirectoryProject;
}

export type TokenCheck = { ok: true; token: ResolvedToken } | { ok: false; reason: string };

/**
 * Tokens are signed, self-contained claims, so they survive an emulator restart as real IAM tokens do.
 * Each carries a fingerprint of the user's password: changing the password revokes every older token.
 */
export class TokenService {
  readonly #key: Buffer;
  readonly #directory: Directory;
  readonly #now: () => number;

  constructor(options: { key: Buffer; directory: Directory; now?: () => number }) {
    this.#key = options.key;
    this.#directory = options.directory;
    this.#now = options.now ?? Date.now;
  }

  issue(user: DirectoryUser, project: DirectoryProject): { token: string; claims: TokenClaims } {
    const issuedAt = this.#now();
    const claims: TokenClaims = {
      userId: user.id,
      projectId: project.id,
      issuedAt,
      expiresAt: issuedAt + tokenLifetimeMs,
    };
    const payload = Buffer.from(
      JSON.stringify({ ...claims, pw: this.#fingerprint(user), n: randomBytes(6).toString('hex') }),
    ).toString('base64url');
    return { token: `MII${payload}.${this.#sign(payload)}`, claims };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'The token is missing.' };
    const match = /^MII([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) return { ok: false, reason: 'The token is malformed.' };
    const [, payload = '', signature = ''] = match;
    const expected = Buffer.from(this.#sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'The token signature is invalid.' };
    }
    let claims: TokenClaims & { pw: string };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims & { pw: string };
    } catch {
      return { ok: false, reason: 'The token is malformed.' };
    }
    if (claims.expiresAt <= this.#now()) return { ok: false, reason: 'The token has expired.' };
    for (const domain of this.#directory.domains) {
      const user = domain.users.find((u) => u.id === claims.userId);
      const project = domain.projects.find((p) => p.id === claims.projectId);
      if (!user || !project) continue;
      if (this.#fingerprint(user) !== claims.pw) return { ok: false, reason: 'The token has been revoked.' };
      return {
        ok: true,
        token: {
          userId: claims.userId,
          projectId: claims.projectId,
          issuedAt: claims.issuedAt,
          expiresAt: claims.expiresAt,
          domain,
          user,
          project,
        },
      };
    }
    return { ok: false, reason: 'The token has been revoked.' };
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }

  #fingerprint(user: DirectoryUser): string {
    return createHmac('sha256', this.#key)
      .update(`pw:${user.id}:${user.password}`)
      .digest('base64url')
      .slice(0, 16);
  }
}

/** IAM prints timestamps with microseconds: `2015-11-09T01:42:57.527363Z`. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
