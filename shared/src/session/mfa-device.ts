import { z } from 'zod/mini';
import { totpPasscodeSchema } from '../iam/virtual-mfa.ts';

/**
 * `POST /api/session/mfa-device`: a new virtual MFA device for the signed-in user, not bound yet. The secret
 * goes to the user's own browser once, to be shown as a QR code for their authenticator app.
 */
export const newMfaDeviceSchema = z.object({
  serialNumber: z.string(),
  secret: z.string(),
  /** The `otpauth://` URI an authenticator app scans. */
  uri: z.string(),
});
export type NewMfaDevice = z.infer<typeof newMfaDeviceSchema>;

/** `PUT /api/session/mfa-device`: binds the new device, proven by two consecutive codes of it. */
export const bindMfaDeviceRequestSchema = z.object({
  serialNumber: z
    .string()
    .check(z.minLength(1, 'is required'), z.maxLength(256, 'must be at most 256 characters')),
  firstCode: totpPasscodeSchema,
  secondCode: totpPasscodeSchema,
});
export type BindMfaDeviceRequest = z.infer<typeof bindMfaDeviceRequestSchema>;
