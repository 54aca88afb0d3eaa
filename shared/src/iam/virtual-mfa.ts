import { z } from 'zod/mini';

/** RFC 6238 as IAM's virtual MFA uses it: SHA-1, 6 digits, a new code every 30 s. */
export const virtualMfaTotp = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export const totpPasscodeSchema = z
  .string()
  .check(z.regex(/^\d{6}$/, 'must be the 6 digits of the current code'));

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

/** `POST /v3.0/OS-MFA/virtual-mfa-devices` (iam_08_0019). */
export const createVirtualMfaDeviceSchema = z.object({
  virtual_mfa_device: z.object({
    name: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"')),
    user_id: z.string().check(z.minLength(1)),
  }),
});

export const virtualMfaDeviceCreatedSchema = z.object({
  virtual_mfa_device: z.object({ serial_number: z.string(), base32_string_seed: z.string() }),
});

/** `PUT /v3.0/OS-MFA/mfa-devices/bind` (iam_08_0017): two consecutive codes of the new device. */
export const bindMfaDeviceSchema = z.object({
  binding_device: z.object({
    user_id: z.string().check(z.minLength(1)),
    serial_number: z.string().check(z.minLength(1)),
    authentication_code_first: totpPasscodeSchema,
    authentication_code_second: totpPasscodeSchema,
  }),
});
