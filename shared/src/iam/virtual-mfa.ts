import { z } from 'zod';

/** RFC 6238 as IAM's virtual MFA uses it: SHA-1, 6 digits, a new code every 30 s. */
export const virtualMfaTotp = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export const totpPasscodeSchema = z.string().regex(/^\d{6}$/, 'must be the 6 digits of the current code');

/**
 * Why IAM refuses a virtual MFA code, by the message it answers with (`{"error":{"message"}}`): the emulator
 * answers these and the console tells its users which of them it was.
 */
export const virtualMfaRefusals = {
  wrong: 'The verification code is incorrect.',
  used: 'The verification code has already been used.',
  expired: 'The verification code has expired.',
} as const;
export type VirtualMfaRefusal = keyof typeof virtualMfaRefusals;

/** `GET /v3.0/OS-USER/users/{user_id}/login-protect`: whether the user's log-ins need a second factor. */
export const loginProtectSchema = z.object({
  login_protect: z.object({
    user_id: z.string(),
    enabled: z.boolean(),
    verification_method: z.string(),
  }),
});
export type LoginProtect = z.infer<typeof loginProtectSchema>;
