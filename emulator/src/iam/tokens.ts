import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Directory, DirectoryDomain, DirectoryProject, DirectoryUser } from './directory.ts';

export const tokenLifetimeMs = 24 * 60 * 60 * 1000;

export interface TokenClaims {
  userId: string;
  projectId: string;
  issuedAt: number;
  expiresAt: number;
  /** A federated user's: they are in no directory, so the token carries who they are and their groups. */
  federation?: Federation;
}

export interface Federation {
  identityProvider: string;
  domainId: string;
  name: string;
  groups: string[];
}

/** A federated user as the rest of the emulator sees users: the roles their groups hold in the project. */
export function federatedUser(
  domain: DirectoryDomain,
  project: DirectoryProject,
  userId: string,
  federation: Federation,
): DirectoryUser {
  const roles = domain.groups
    .filter((group) => federation.groups.includes(group.name))
    .flatMap((group) => group.roles[project.name] ?? []);
  return { id: userId, name: federation.name, password: '', roles: [...new Set(roles)] };
}

export interface ResolvedToken extends TokenClaims {
  domain: DirectoryDomain;
  user: DirectoryUser;
  project: DirectoryProject;
}

export type TokenCheck = { ok: true; token: ResolvedToken } | { ok: false; reason: string };

/**
 * Tokens revoked before they expire, by a hash of their signature, kept in a file so a revocation survives a
 * restart as a password change does. Entries leave the file once the token would have expired anyway.
 */
export class RevocationList {
  readonly #file: string;
  readonly #entries: Map<string, number>;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, entries: Map<string, number>) {
    this.#file = file;
    this.#entries = entries;
  }

  static async open(file: string): Promise<RevocationList> {
    let entries: Record<string, number> = {};
    try {
      entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, number>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new RevocationList(file, new Map(Object.entries(entries)));
  }

  /** An in-memory list (tests that need no restart). */
  static inMemory(): RevocationList {
    return new RevocationList('', new Map());
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Resolves once the revocation is on disk. */
  add(id: string, expiresAt: number, now: number): Promise<void> {
    this.#entries.set(id, expiresAt);
    for (const [key, until] of this.#entries) if (until <= now) this.#entries.delete(key);
    if (!this.#file) return Promise.resolve();
    const text = JSON.stringify(Object.fromEntries(this.#entries));
    // One write at a time, each complete before it replaces the file.
    this.#writing = this.#writing.then(async () => {
      await writeFile(`${this.#file}.tmp`, text, { mode: 0o600 });
      await rename(`${this.#file}.tmp`, this.#file);
    });
    return this.#writing;
  }
}

/**
 * Tokens are signed, self-contained claims, so they survive an emulator restart as real IAM tokens do.
 * Each carries a fingerprint of the user's password: changing the password revokes every older token.
 */
export class TokenService {
  readonly #key: Buffer;
  readonly #directory: Directory;
  readonly #now: () => number;
  readonly #revoked: RevocationList;

  constructor(options: { key: Buffer; directory: Directory; revoked?: RevocationList; now?: () => number }) {
    this.#key = options.key;
    this.#directory = options.directory;
    this.#revoked = options.revoked ?? RevocationList.inMemory();
    this.#now = options.now ?? Date.now;
  }

  /** A new token; one bought with another token expires with it, as Keystone's do (no endless renewal). */
  issue(
    user: DirectoryUser,
    project: DirectoryProject,
    expiresAt?: number,
    federation?: Federation,
  ): { token: string; claims: TokenClaims } {
    const issuedAt = this.#now();
    const claims: TokenClaims = {
      userId: user.id,
      projectId: project.id,
      issuedAt,
      expiresAt: expiresAt ?? issuedAt + tokenLifetimeMs,
      ...(federation ? { federation } : {}),
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
    if (this.#revoked.has(revocationId(signature)))
      return { ok: false, reason: 'The token has been revoked.' };
    if (claims.federation) {
      const { federation } = claims;
      const domain = this.#directory.domains.find((d) => d.id === federation.domainId);
      const project = domain?.projects.find((p) => p.id === claims.projectId);
      if (!domain || !project) return { ok: false, reason: 'The token has been revoked.' };
      const user = federatedUser(domain, project, claims.userId, federation);
      const { userId, projectId, issuedAt, expiresAt } = claims;
      return {
        ok: true,
        token: { userId, projectId, issuedAt, expiresAt, federation, domain, user, project },
      };
    }
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

  /** Revokes a valid token for good (`DELETE /v3/auth/tokens`). */
  async revoke(token: string): Promise<void> {
    const check = this.check(token);
    if (!check.ok) return;
    const signature = token.slice(token.lastIndexOf('.') + 1);
    await this.#revoked.add(revocationId(signature), check.token.expiresAt, this.#now());
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

function revocationId(signature: string): string {
  return createHash('sha256').update(signature).digest('base64url');
}

/** IAM prints timestamps with microseconds: `2015-11-09T01:42:57.527363Z`. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
