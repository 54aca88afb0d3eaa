import { Secret, TOTP } from 'otpauth';
import { virtualMfaTotp, type VirtualMfaRefusal } from '@dws-console/shared';
import type { DirectoryUser } from './directory.ts';

/** One step either side of now, as RFC 6238 advises for clocks that drift and codes typed slowly. */
const acceptedSteps = 1;
/** How far back a code still counts as the user's, only to tell them it expired rather than that it is wrong. */
const recognisedSteps = 10;

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
    const totp = new TOTP({ ...virtualMfaTotp, secret: Secret.fromBase32(user.virtual_mfa.secret) });
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
