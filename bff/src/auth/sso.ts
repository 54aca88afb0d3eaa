import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { ssoPaths } from '@dws-console/shared';

/** What the console needs to sign people in with an OpenID Provider, as configured (config.ts checks each). */
export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The console's own address as browsers reach it: the redirect and log-out URIs are under it. */
  consoleUrl: string;
  /** IAM's id of the identity provider the ID tokens are exchanged at (`X-Idp-Id`). */
  iamIdpId: string;
  /** Shown on the log-in page: "Sign in with <name>". */
  name: string;
}

/** One sign-in under way, from the start to the provider's answer: kept in the browser, sealed. */
export interface SsoFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The console page to return to afterwards (a path of this console, checked at the start). */
  returnTo: string;
}

/** What the console keeps of a person signed in by the provider, to end their sessions when it says so. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  /** The provider's session id (`sid`), when it gives one. */
  sessionId?: string;
}

/** Signatures accepted on ID and log-out tokens: asymmetric only, so `none` and HMAC tricks are refused. */
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const backChannelLogoutEvent = 'http://schemas.openid.net/event/backchannel-logout';

/** Only loopback providers may be reached over plain HTTP: a development provider on this machine. */
export function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
}

export interface SsoClient {
  settings: SsoSettings;
  /** Where to send the browser to sign in, and the flow to keep until it comes back. */
  start(returnTo: string): Promise<{ url: URL; flow: SsoFlow }>;
  /**
   * Redeems the code the provider sent back (state, PKCE and nonce checked): the ID token and who it names.
   * Throws an `oidc` error when the answer is not one of this flow's.
   */
  finish(callbackUrl: URL, flow: SsoFlow): Promise<{ idToken: string; identity: SsoIdentity }>;
  /** The provider's end-session address: it ends the provider's session and sends the browser back to the console. */
  logoutUrl(): URL;
  /** The sessions a verified back-channel log-out token ends; throws when the token is not one to trust. */
  verifyLogoutToken(token: string): Promise<SsoIdentity>;
}

/**
 * The console as a confidential client of the provider (authorization code with PKCE, state and nonce), by
 * openid-client. Discovery happens here, once: a provider that does not answer stops the console at start.
 */
export async function discoverSso(settings: SsoSettings): Promise<SsoClient> {
  const execute = isLoopbackHttp(settings.issuer) ? [oidc.allowInsecureRequests] : [];
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      {},
      oidc.ClientSecretBasic(settings.clientSecret),
      { execute },
    );
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : '';
    throw new Error(
      `OIDC_ISSUER: ${settings.issuer} gave no OpenID Provider configuration of its own (${cause})`,
      { cause: error },
    );
  }
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) throw new Error(`OIDC_ISSUER: ${settings.issuer} publishes no jwks_uri`);
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
  const redirectUri = new URL(ssoPaths.callback, settings.consoleUrl).href;

  return {
    settings,
    async start(returnTo) {
      const flow: SsoFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email groups',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return { url, flow };
    },

    async finish(callbackUrl, flow) {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!tokens.id_token || !claims) throw new Error('the provider sent no ID token');
      return {
        idToken: tokens.id_token,
        identity: {
          issuer: claims.iss,
          subject: claims.sub,
          ...(typeof claims.sid === 'string' ? { sessionId: claims.sid } : {}),
        },
      };
    },

    logoutUrl: () =>
      oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: new URL(ssoPaths.logIn, settings.consoleUrl).href,
      }),

    // OpenID Connect Back-Channel Logout 1.0, section 2.6.
    async verifyLogoutToken(token) {
      const { payload } = await jwtVerify(token, keys, {
        issuer: metadata.issuer,
        audience: settings.clientId,
        algorithms,
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '5m',
      });
      const events = payload.events as Record<string, unknown> | undefined;
      if (!events || typeof events[backChannelLogoutEvent] !== 'object')
        throw new Error('the events claim names no back-channel log-out');
      if ('nonce' in payload) throw new Error('a log-out token carries no nonce');
      const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
      if (!sid && !payload.sub) throw new Error('the token names neither a session nor a subject');
      return {
        issuer: metadata.issuer,
        subject: payload.sub ?? '',
        ...(sid ? { sessionId: sid } : {}),
      };
    },
  };
}
