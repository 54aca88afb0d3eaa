import { Secret, TOTP } from 'otpauth';
import { virtualMfaTotp, type VirtualMfaRefusal } from '@dws-console/shared';
import type { DirectoryUser } from './directory.ts';

/** One step either side of now, as RFC 6238 advises for clocks that drift and codes typed slowly. */
const acceptedSteps = 1;
/** How far back a code still counts as the user's, only to tell them it expired rather than that it is wrong. */
const recognisedSteps = 10;

function totpOf(secret: string): TOTP {
  return new TOTP({ ...virtualMfaTotp, secret: Secret.fromBase32(secret) });
}

/** Checks virtual MFA codes; each code is good once, as IAM's are. */
export class VirtualMfaCodes {
  /** The last time step each user signed in with, in memory: a restarted emulator forgets at most 30 s of codes. */
  readonly #lastStep = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** `undefined` when the code is right and new, else why it is refused. */
  check(user: DirectoryUser, passcode: string): VirtualMfaRefusal | undefined {
    if (!user.virtual_mfa) return 'wrong';
    const totp = totpOf(user.virtual_mfa.secret);
    const timestamp = this.#now();
    const delta = totp.validate({ token: passcode, timestamp, window: recognisedSteps });
    if (delta === null || delta > acceptedSteps) return 'wrong';
    if (delta < -acceptedSteps) return 'expired';
    const step = TOTP.counter({ period: virtualMfaTotp.period, timestamp }) + delta;
    if (step <= (this.#lastStep.get(user.id) ?? -1)) return 'used';
    this.#lastStep.set(user.id, step);
    return undefined;
  }
}

/**
 * Devices created (`POST /v3.0/OS-MFA/virtual-mfa-devices`) and waiting to be bound by two consecutive codes
 * (`PUT /v3.0/OS-MFA/mfa-devices/bind`). Binding writes the device into the user's directory entry, in memory:
 * a restarted emulator has the directory file's devices again.
 */
export class VirtualMfaDevices {
  readonly #created = new Map<string, { serial_number: string; secret: string }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A new device for the user; creating another replaces the one not yet bound. */
  create(user: DirectoryUser, name: string): { serial_number: string; base32_string_seed: string } {
    const device = { serial_number: `iam/mfa/${user.id}/${name}`, secret: new Secret({ size: 20 }).base32 };
    this.#created.set(user.id, device);
    return { serial_number: device.serial_number, base32_string_seed: device.secret };
  }

  /** Binds the created device when the codes are two consecutive ones of it, near now; else says what is wrong. */
  bind(user: DirectoryUser, serialNumber: string, first: string, second: string): string | undefined {
    const device = this.#created.get(user.id);
    if (!device || device.serial_number !== serialNumber) return 'The virtual MFA device does not exist.';
    const totp = totpOf(device.secret);
    const now = TOTP.counter({ period: virtualMfaTotp.period, timestamp: this.#now() });
    const consecutive = [-2, -1, 0, 1].some(
      (offset) =>
        totp.generate({ timestamp: (now + offset) * virtualMfaTotp.period * 1000 }) === first &&
        totp.generate({ timestamp: (now + offset + 1) * virtualMfaTotp.period * 1000 }) === second,
    );
    if (!consecutive)
      return 'The verification codes are incorrect: enter two consecutive codes of the device.';
    user.virtual_mfa = { serial_number: device.serial_number, secret: device.secret };
    this.#created.delete(user.id);
    return undefined;
  }
}
