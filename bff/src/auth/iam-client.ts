import {
  bffErrorCodes,
  consoleUserAgent,
  passwordTokenRequest,
  projectListSchema,
  tokenExchangeRequest,
  tokenResponseSchema,
  type LoginRequest,
  type TokenRequest,
} from '@dws-console/shared';
import type { Dispatcher } from 'undici';
import { fetch } from 'undici';
import { HttpError } from '../http/errors.ts';
import { upstreamFailure } from '../http/upstream-trust.ts';

export interface IamToken {
  token: string;
  expiresAt: number;
  user: { id: string; name: string };
  domain: { id: string; name: string };
  project: { id: string; name: string };
  /** The token's role names: what the console may offer (DBMind's rights are derived from them). */
  roles: string[];
}

export type IamClient = (credentials: LoginRequest) => Promise<IamToken | undefined>;

/** What a session does with its token besides logging in: list projects, change project, revoke. */
export interface IamTokens {
  /** The projects the token's user may scope a token to. */
  projects(token: string): Promise<{ id: string; name: string }[]>;
  /** A token for another project of the same user, or `undefined` when IAM refuses (unknown or foreign project). */
  exchange(token: string, project: string): Promise<IamToken | undefined>;
  /** Revokes the token upstream; a token IAM no longer knows counts as revoked. */
  revoke(token: string): Promise<void>;
}

interface IamOptions {
  endpoint: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

function unexpected(status: number): HttpError {
  return new HttpError(502, bffErrorCodes.upstreamUnavailable, `IAM answered unexpectedly (HTTP ${status}).`);
}

async function call(
  options: IamOptions,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) {
  try {
    return await fetch(new URL(path, options.endpoint), {
      ...init,
      // Cloud Trace Service records the console's log-ins and log-outs as ConsoleAction by it.
      headers: { ...init.headers, 'User-Agent': consoleUserAgent },
      dispatcher: options.dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw upstreamFailure('IAM', error, error instanceof Error && error.name === 'TimeoutError');
  }
}

/**
 * Asks IAM for a project-scoped token. Answers `undefined` when IAM refuses (401/400/403),
 * throws an HttpError when IAM cannot be reached or answers something unexpected.
 */
async function requestToken(options: IamOptions, body: TokenRequest): Promise<IamToken | undefined> {
  const response = await call(options, '/v3/auth/tokens?nocatalog=true', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return undefined;
  }
  const token = response.headers.get('X-Subject-Token');
  const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (response.status !== 201 || !token || !parsed.success) throw unexpected(response.status);
  const { user, project, roles, expires_at: expiresAt } = parsed.data.token;
  return {
    token,
    expiresAt: Date.parse(expiresAt),
    user: { id: user.id, name: user.name },
    domain: user.domain,
    project: { id: project.id, name: project.name },
    roles: (roles ?? []).map((role) => role.name),
  };
}

export function createIamClient(options: IamOptions): IamClient {
  return (credentials) => requestToken(options, passwordTokenRequest(credentials));
}

export function createIamTokens(options: IamOptions): IamTokens {
  return {
    exchange: (token, project) => requestToken(options, tokenExchangeRequest(token, project)),

    async projects(token) {
      const response = await call(options, '/v3/auth/projects', {
        method: 'GET',
        headers: { 'X-Auth-Token': token },
      });
      const parsed = projectListSchema.safeParse(await response.json().catch(() => undefined));
      if (response.status !== 200 || !parsed.success) throw unexpected(response.status);
      return parsed.data.projects.map((p) => ({ id: p.id, name: p.name }));
    },

    async revoke(token) {
      const response = await call(options, '/v3/auth/tokens', {
        method: 'DELETE',
        headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
      });
      await response.body?.cancel();
      // 401/404: expired or already revoked, which is what was wanted.
      if (response.status !== 204 && response.status !== 401 && response.status !== 404) {
        throw unexpected(response.status);
      }
    },
  };
}
