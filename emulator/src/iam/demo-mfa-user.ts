import { Secret, TOTP } from 'otpauth';
import { virtualMfaTotp } from '@dws-console/shared';
import { loadEmulatorConfig } from '../config.ts';
import { loadDirectory } from './directory.ts';

export interface MfaUser {
  id: string;
  name: string;
  password: string;
  /** The user's authenticator: the codes of any moment. */
  totp: TOTP;
}

/** The demo user (of the default directory) whose log-ins the emulator's virtual MFA device protects. */
export async function demoMfaUser(): Promise<MfaUser> {
  const directory = await loadDirectory(loadEmulatorConfig({}).EMULATOR_IAM_CONFIG);
  const user = directory.domains.flatMap((d) => d.users).find((u) => u.virtual_mfa);
  if (!user?.virtual_mfa) throw new Error('the demo directory has no user with virtual MFA');
  return {
    id: user.id,
    name: user.name,
    password: user.password,
    totp: new TOTP({ ...virtualMfaTotp, secret: Secret.fromBase32(user.virtual_mfa.secret) }),
  };
}

/** A code that is none of the device's codes from five minutes ago to half a minute ahead. */
export function wrongCode(totp: TOTP): string {
  const now = Date.now();
  const recent = new Set(
    Array.from({ length: 12 }, (_, i) => totp.generate({ timestamp: now + (i - 10) * 30_000 })),
  );
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!recent.has(code)) return code;
  }
}
