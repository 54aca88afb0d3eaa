import { z } from 'zod/mini';
import { sessionRightsSchema } from '../iam/rights.ts';
import { totpPasscodeSchema } from '../iam/virtual-mfa.ts';

const required = z.minLength(1, 'is required');
const atMost64 = z.maxLength(64, 'must be at most 64 characters');

export const loginRequestSchema = z.object({
  domain: z.string().check(z.trim(), required, atMost64),
  username: z.string().check(z.trim(), required, atMost64),
  password: z.string().check(required, z.maxLength(128, 'must be at most 128 characters')),
  project: z
    .string()
    .check(
      z.trim(),
      required,
      atMost64,
      z.regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "-" and "_"'),
    ),
  /**
   * The current code of the user's virtual MFA device, sent again with the password once the console has
   * answered `mfaRequired`: the console keeps nothing between the two steps.
   */
  passcode: z.optional(totpPasscodeSchema),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  domain: z.object({ id: z.string(), name: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }),
  /**
   * When the session ends unless the person does something (ISO 8601): the earliest of the token's expiry, the
   * absolute timeout and the idle timeout. Asking for the session is not doing something: it never moves this.
   */
  expiresAt: z.string(),
  /** Whether `expiresAt` is the idle timeout's: any use of the console moves it, with no new sign-in. */
  isIdleEnd: z.boolean(),
  /** What the project's token lets the user do in DWS, so the console disables what it may not before a click. */
  rights: sessionRightsSchema,
  /**
   * How the person signed in: `sso` sessions continue through the identity provider when they end, `password`
   * sessions through the log-in form.
   */
  signedInWith: z.enum(['password', 'sso']),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * The header naming the project a page shows, by id. One session serves every window of a browser: once another
 * window has switched it to another project, a request from a page still showing the old one is answered 412
 * (`projectChanged`) rather than with the new project's data under the old project's name.
 */
export const shownProjectHeader = 'X-Console-Project';

/** The header every state-changing call from the web app carries (CSRF defence). */
export const csrfHeader = { name: 'X-Requested-With', value: 'XMLHttpRequest' } as const;

/** `GET /api/session/projects`: the projects the signed-in user may switch to (IAM `GET /v3/auth/projects`). */
export const sessionProjectsSchema = z.object({
  projects: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SessionProjects = z.infer<typeof sessionProjectsSchema>;

/**
 * `PUT /api/session/project`: moves the session to another of the user's projects. The BFF exchanges the
 * session's token for one scoped to that project (one IAM call, no password) and answers the new `SessionInfo`.
 */
export const switchProjectRequestSchema = z.object({ project: loginRequestSchema.shape.project });
export type SwitchProjectRequest = z.infer<typeof switchProjectRequestSchema>;
