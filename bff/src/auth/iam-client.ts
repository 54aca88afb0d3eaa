import {
  bffErrorCodes,
  consoleUserAgent,
  loginProtectSchema,
  virtualMfaDeviceCreatedSchema,
  passwordTokenRequest,
  passwordTotpTokenRequest,
  projectListSchema,
  tokenExchangeRequest,
  tokenResponseSchema,
  virtualMfaRefusals,
  type IdTokenRequest,
  type LoginRequest,
  type TokenRequest,
  type VirtualMfaRefusal,
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
  /**
   * A federated token for an OpenID Connect ID token (iam_13_0605), for the first project the person's groups
   * give any role in; IAM's own message when it refuses the token or the person.
   */
  federated(idToken: string, identityProviderId: string): Promise<IamToken | { refused: string }>;
}

/** Log-ins protected by a virtual MFA device (IAM's login protection, verification method `vmfa`). */
export interface IamVirtualMfa {
  /** Whether the token's user must give their virtual MFA code to sign in to the console. */
  isRequired(token: IamToken): Promise<boolean>;
  /** A token for the password and the current code; `undefined` when the password is refused, else why the code is. */
  signIn(
    credentials: LoginRequest,
    userId: string,
    passcode: string,
  ): Promise<IamToken | VirtualMfaRefusal | undefined>;
  /** A new, unbound device for the token's user. */
  createDevice(token: string, userId: string): Promise<{ serialNumber: string; secret: string }>;
  /** Binds the device; `undefined` when bound, else IAM's reason for refusing (wrong codes, already bound). */
  bindDevice(
    token: string,
    binding: { userId: string; serialNumber: string; firstCode: string; secondCode: string },
  ): Promise<string | undefined>;
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

const refusalByMessage = new Map<string, VirtualMfaRefusal>(
  Object.entries(virtualMfaRefusals).map(([reason, message]) => [message, reason as VirtualMfaRefusal]),
);

/** Why IAM refused a virtual MFA code, read from its error body; `undefined` for any other refusal. */
async function mfaRefusal(response: Response): Promise<VirtualMfaRefusal | undefined> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { message?: unknown } } | undefined;
  const message = body?.error?.message;
  return typeof message === 'string' ? refusalByMessage.get(message) : undefined;
}

type Response = Awaited<ReturnType<typeof call>>;

/**
 * Asks IAM for a project-scoped token. Answers `undefined` when IAM refuses (401/400/403) — or why, when it
 * refused a virtual MFA code — and throws an HttpError when IAM cannot be reached or answers something unexpected.
 */
async function requestToken(
  options: IamOptions,
  body: TokenRequest,
): Promise<IamToken | VirtualMfaRefusal | undefined> {
  const response = await call(options, '/v3/auth/tokens?nocatalog=true', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    return mfaRefusal(response);
  }
  return tokenOf(response);
}

async function tokenOf(response: Response): Promise<IamToken> {
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

/** A token or a plain refusal: only the totp method has reasons worth telling apart. */
async function tokenOrRefusal(options: IamOptions, body: TokenRequest): Promise<IamToken | undefined> {
  const answer = await requestToken(options, body);
  return typeof answer === 'string' ? undefined : answer;
}

export function createIamClient(options: IamOptions): IamClient {
  return (credentials) => tokenOrRefusal(options, passwordTokenRequest(credentials));
}

export function createIamVirtualMfa(options: IamOptions): IamVirtualMfa {
  return {
    async isRequired(token) {
      const response = await call(
        options,
        `/v3.0/OS-USER/users/${encodeURIComponent(token.user.id)}/login-protect`,
        {
          method: 'GET',
          headers: { 'X-Auth-Token': token.token },
        },
      );
      const parsed = loginProtectSchema.safeParse(await response.json().catch(() => undefined));
      if (response.status !== 200 || !parsed.success) throw unexpected(response.status);
      const { enabled, verification_method: method } = parsed.data.login_protect;
      return enabled && method === 'vmfa';
    },
    signIn: (credentials, userId, passcode) =>
      requestToken(options, passwordTotpTokenRequest(credentials, userId, passcode)),

    async createDevice(token, userId) {
      const response = await call(options, '/v3.0/OS-MFA/virtual-mfa-devices', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify({ virtual_mfa_device: { name: 'dws-console', user_id: userId } }),
      });
      const parsed = virtualMfaDeviceCreatedSchema.safeParse(await response.json().catch(() => undefined));
      if (response.status !== 201 || !parsed.success) throw unexpected(response.status);
      const device = parsed.data.virtual_mfa_device;
      return { serialNumber: device.serial_number, secret: device.base32_string_seed };
    },

    async bindDevice(token, binding) {
      const response = await call(options, '/v3.0/OS-MFA/mfa-devices/bind', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify({
          binding_device: {
            user_id: binding.userId,
            serial_number: binding.serialNumber,
            authentication_code_first: binding.firstCode,
            authentication_code_second: binding.secondCode,
          },
        }),
      });
      if (response.status === 204) return undefined;
      const body = (await response.json().catch(() => undefined)) as
        { error?: { message?: unknown } } | undefined;
      const message = body?.error?.message;
      if ((response.status === 400 || response.status === 409) && typeof message === 'string') return message;
      throw unexpected(response.status);
    },
  };
}

export function createIamTokens(options: IamOptions): IamTokens {
  return {
    exchange: (token, project) => tokenOrRefusal(options, tokenExchangeRequest(token, project)),

    async projects(token) {
      const response = await call(options, '/v3/auth/projects', {
        method: 'GET',
        headers: { 'X-Auth-Token': token },
      });
      const parsed = projectListSchema.safeParse(await response.json().catch(() => undefined));
      if (response.status !== 200 || !parsed.success) throw unexpected(response.status);
      return parsed.data.projects.map((p) => ({ id: p.id, name: p.name }));
    },

    async federated(idToken, identityProviderId) {
      const response = await call(options, '/v3.0/OS-AUTH/id-token/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Idp-Id': identityProviderId },
        body: JSON.stringify({ auth: { id_token: { id: idToken } } } satisfies IdTokenRequest),
      });
      if ([400, 401, 403, 404].includes(response.status)) {
        const body = (await response.json().catch(() => undefined)) as
          { error?: { message?: unknown } } | undefined;
        const message = body?.error?.message;
        return { refused: typeof message === 'string' ? message : `HTTP ${response.status}` };
      }
      return tokenOf(response);
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
