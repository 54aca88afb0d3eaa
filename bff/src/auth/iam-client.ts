import { passwordTokenRequest, tokenResponseSchema, type LoginRequest } from '@dws-console/shared';
import type { Dispatcher } from 'undici';
import { fetch } from 'undici';
import { HttpError } from '../http/errors.ts';
import { upstreamFailure } from '../http/upstream-trust.ts';
import { bffErrorCodes } from '@dws-console/shared';

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

/**
 * Asks IAM for a project-scoped token. Answers `undefined` for wrong credentials (401/400 from IAM),
 * throws an HttpError when IAM cannot be reached or answers something unexpected.
 */
export function createIamClient(options: {
  endpoint: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
}): IamClient {
  return async (credentials) => {
    let response;
    try {
      response = await fetch(new URL('/v3/auth/tokens?nocatalog=true', options.endpoint), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(passwordTokenRequest(credentials)),
        dispatcher: options.dispatcher,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw upstreamFailure('IAM', error, error instanceof Error && error.name === 'TimeoutError');
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return undefined;
    }
    const token = response.headers.get('X-Subject-Token');
    const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (response.status !== 201 || !token || !parsed.success) {
      throw new HttpError(
        502,
        bffErrorCodes.upstreamUnavailable,
        `IAM answered unexpectedly (HTTP ${response.status}).`,
      );
    }
    const { user, project, roles, expires_at: expiresAt } = parsed.data.token;
    return {
      token,
      expiresAt: Date.parse(expiresAt),
      user: { id: user.id, name: user.name },
      domain: user.domain,
      project: { id: project.id, name: project.name },
      roles: (roles ?? []).map((role) => role.name),
    };
  };
}
