import { z } from 'zod/mini';

/**
 * The error body every API in the console speaks: the DWS API's own shape, so a browser reads
 * the BFF's validation errors and the upstream's errors the same way.
 */
export const apiErrorBodySchema = z.object({
  error_code: z.string(),
  error_msg: z.string(),
  request_id: z.optional(z.string()),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** Error codes the BFF itself answers with (the upstreams' codes pass through unchanged). */
export const bffErrorCodes = {
  validation: 'CONSOLE.0400',
  unauthenticated: 'CONSOLE.0401',
  sessionExpired: 'CONSOLE.0440',
  forbidden: 'CONSOLE.0403',
  notFound: 'CONSOLE.0404',
  conflict: 'CONSOLE.0409',
  /** The page shows another project than the session is in now (`shownProjectHeader`). */
  projectChanged: 'CONSOLE.0412',
  loginFailed: 'CONSOLE.0411',
  /** The password is right and the user's log-ins are protected by virtual MFA: send it again with the code. */
  mfaRequired: 'CONSOLE.0421',
  mfaCodeWrong: 'CONSOLE.0422',
  mfaCodeUsed: 'CONSOLE.0423',
  mfaCodeExpired: 'CONSOLE.0424',
  tooManyRequests: 'CONSOLE.0429',
  upstreamUnavailable: 'CONSOLE.0502',
  upstreamTimeout: 'CONSOLE.0504',
  sessionStoreUnavailable: 'CONSOLE.0503',
  internal: 'CONSOLE.0500',
} as const;

/** Renders zod issues as `field: rule` sentences, the form every 400 of the console uses. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
