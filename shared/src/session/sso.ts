import { z } from 'zod';

/**
 * `GET /api/session/sign-in`: how this console lets people sign in, for the log-in page before anyone has. The
 * password form can be turned off by configuration; single sign-on is offered when an identity provider is set up.
 */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  sso: z.object({ name: z.string() }).optional(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/**
 * The console's addresses in a single sign-on: where the browser starts (a navigation, not a fetch), where the
 * provider sends the code back, where it posts log-out tokens, and where it sends the browser after log-out.
 * An identity provider registers the last three for the console.
 */
export const ssoPaths = {
  start: '/api/session/sso/start',
  callback: '/api/session/sso/callback',
  backChannelLogout: '/api/session/sso/back-channel-logout',
  afterLogout: '/login',
} as const;

/**
 * Why a single sign-on came back without a session, as the log-in page's `sso` query parameter: the callback is a
 * navigation, so the reason travels in the address it sends the browser to, never the provider's own text.
 */
export const ssoRefusals = {
  state: 'The sign-in was not started from this browser, or took too long. Sign in again.',
  provider: 'The identity provider did not sign you in. Sign in again.',
  token: 'The identity provider’s answer could not be trusted, so no session was started. Sign in again.',
  iam: 'IAM gives your account no access to this console: ask your administrator to map you to a user group.',
  unavailable: 'The identity provider or IAM cannot be reached now. Try again in a moment.',
} as const;
export type SsoRefusal = keyof typeof ssoRefusals;

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === 'string' && Object.hasOwn(ssoRefusals, value);
}

/**
 * `DELETE /api/session` answers 204, or for a session started by single sign-on where the browser goes next to
 * end the identity provider's session too (RP-initiated log-out).
 */
export const logOutAnswerSchema = z.object({ logoutUrl: z.url() });
export type LogOutAnswer = z.infer<typeof logOutAnswerSchema>;
