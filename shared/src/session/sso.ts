import { z } from 'zod/mini';

/**
 * `GET /api/session/sign-in`: how this console lets people sign in, for the log-in page before anyone has. The
 * password form can be turned off by configuration; single sign-on is offered when an identity provider is set up.
 */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  sso: z.optional(z.object({ name: z.string() })),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/**
 * The console's addresses in a single sign-on: where the browser starts (a navigation, not a fetch), where the
 * provider sends the code back, where it posts log-out tokens, and the log-in page, where the provider sends the
 * browser after log-out and the console sends it when a sign-on is refused. A provider registers the last three.
 */
export const ssoPaths = {
  start: '/api/session/sso/start',
  callback: '/api/session/sso/callback',
  backChannelLogout: '/api/session/sso/back-channel-logout',
  logIn: '/login',
} as const;

/**
 * Why a single sign-on came back without a session, as the log-in page's `sso` query parameter: the callback is a
 * navigation, so the reason travels in the address it sends the browser to, as a code, never as text (a crafted
 * link could otherwise make the page say anything).
 * - `state`: no sign-in of this browser is under way (another browser's answer, a replay, or too slow);
 * - `provider`: the provider refused (its error, or a code already used);
 * - `token`: the provider's answer failed a check (issuer, audience, nonce, expiry);
 * - `iam`: IAM refused the ID token or gives the person no user group;
 * - `unavailable`: the provider or IAM could not be reached.
 */
export const ssoRefusals = ['state', 'provider', 'token', 'iam', 'unavailable'] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return ssoRefusals.includes(value as SsoRefusal);
}

/**
 * `DELETE /api/session` answers 204, or for a session started by single sign-on where the browser goes next to
 * end the identity provider's session too (RP-initiated log-out).
 */
export const logOutAnswerSchema = z.object({ logoutUrl: z.url() });
export type LogOutAnswer = z.infer<typeof logOutAnswerSchema>;
