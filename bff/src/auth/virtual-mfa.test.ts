import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMfaUser, wrongCode, type MfaUser } from '@dws-console/emulator';
import { rememberSecrets } from '@dws-console/emulator/testing';
import { Secret, TOTP } from 'otpauth';
import { bffErrorCodes, newMfaDeviceSchema, virtualMfaTotp } from '@dws-console/shared';
import { startHarness, type Harness } from '../testing/harness.ts';

let harness: Harness;
let user: MfaUser;
let clock = Date.now();

beforeAll(async () => {
  user = await demoMfaUser();
  harness = await startHarness({ now: () => clock });
});

afterAll(async () => {
  await harness?.close();
});

async function logIn(passcode?: string, password = user.password) {
  const response = await harness.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ domain: 'demo', username: user.name, password, project: 'ae-ad-1', passcode }),
  });
  const body = (await response.json()) as { error_code?: string; error_msg?: string; user?: { id: string } };
  return { status: response.status, cookie: response.headers.get('set-cookie'), body };
}

/** A new limiter window: each test counts its own attempts. */
function nextWindow(): void {
  clock += 16 * 60_000;
}

describe('log-in with virtual MFA', () => {
  it('asks for the code after the right password, and starts the session only with it', async () => {
    nextWindow();
    const first = await logIn();
    expect(first).toMatchObject({
      status: 401,
      cookie: null,
      body: { error_code: bffErrorCodes.mfaRequired },
    });
    expect(first.body.error_msg).toContain('passcode');

    const second = await logIn(user.totp.generate());
    expect(second.status).toBe(201);
    expect(second.body.user?.id).toBe(user.id);
    const cookie = second.cookie?.split(';')[0] ?? '';
    expect((await harness.request('/api/session', { cookie })).status).toBe(200);

    // The code is good once: the previous one is already behind it.
    const reused = await logIn(user.totp.generate({ timestamp: Date.now() - 30_000 }));
    expect(reused).toMatchObject({
      status: 401,
      cookie: null,
      body: { error_code: bffErrorCodes.mfaCodeUsed },
    });
  });

  it('tells a wrong code from an expired one, and a wrong password from both, starting no session', async () => {
    nextWindow();
    const wrong = await logIn(wrongCode(user.totp));
    expect(wrong).toMatchObject({
      status: 401,
      cookie: null,
      body: { error_code: bffErrorCodes.mfaCodeWrong },
    });
    const expired = await logIn(user.totp.generate({ timestamp: Date.now() - 5 * 60_000 }));
    expect(expired).toMatchObject({
      status: 401,
      cookie: null,
      body: { error_code: bffErrorCodes.mfaCodeExpired },
    });
    const badPassword = await logIn(user.totp.generate(), `${user.password}x`);
    expect(badPassword).toMatchObject({
      status: 401,
      cookie: null,
      body: { error_code: bffErrorCodes.loginFailed },
    });
    const malformed = await logIn('12345');
    expect(malformed).toMatchObject({ status: 400, body: { error_code: bffErrorCodes.validation } });
    expect(malformed.body.error_msg).toContain('passcode');
  });

  it('counts wrong codes as wrong passwords: the sixth in a row is refused, the right code as well', async () => {
    nextWindow();
    for (let i = 0; i < 5; i += 1) {
      expect((await logIn(wrongCode(user.totp))).body.error_code).toBe(bffErrorCodes.mfaCodeWrong);
    }
    const sixth = await logIn(wrongCode(user.totp));
    expect(sixth).toMatchObject({
      status: 429,
      cookie: null,
      body: { error_code: bffErrorCodes.tooManyRequests },
    });
    const right = await logIn(user.totp.generate({ timestamp: Date.now() + 30_000 }));
    expect(right).toMatchObject({ status: 429, cookie: null });
  });

  it('leaves the password log-in of users without a device as it was', async () => {
    nextWindow();
    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    expect((await harness.request('/api/session', { cookie })).status).toBe(200);
  });
});

describe('binding a virtual MFA device from the console', () => {
  const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

  it('binds a new device to the signed-in user only, with two consecutive codes; their next log-in asks for one', async () => {
    nextWindow();
    const anonymous = await harness.request('/api/session/mfa-device', { method: 'POST', headers: json });
    expect(anonymous.status).toBe(401);

    const cookie = await harness.logIn('viewer', 'Viewer@12345');
    const created = await harness.request('/api/session/mfa-device', {
      method: 'POST',
      headers: json,
      cookie,
    });
    expect(created.status).toBe(201);
    const device = newMfaDeviceSchema.parse(await created.json());
    rememberSecrets(device.secret);
    expect(device.uri).toMatch(/^otpauth:\/\/totp\/.*viewer%40demo\?.*secret=/);
    const totp = new TOTP({ ...virtualMfaTotp, secret: Secret.fromBase32(device.secret) });
    const step = (n: number) => totp.generate({ timestamp: Date.now() + n * 30_000 });
    const bind = (firstCode: string, secondCode: string) =>
      harness.request('/api/session/mfa-device', {
        method: 'PUT',
        headers: json,
        cookie,
        body: JSON.stringify({ serialNumber: device.serialNumber, firstCode, secondCode }),
      });

    const malformed = await bind('12', step(0));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error_msg: string }).error_msg).toContain('firstCode');
    const notConsecutive = await bind(step(-1), step(1));
    expect(notConsecutive.status).toBe(400);
    expect(((await notConsecutive.json()) as { error_msg: string }).error_msg).toContain('consecutive');
    // Not bound yet: the password alone still signs the viewer in.
    await harness.logIn('viewer', 'Viewer@12345');

    expect((await bind(step(-1), step(0))).status).toBe(204);
    const viewerAfter = await harness.request('/api/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        domain: 'demo',
        username: 'viewer',
        password: 'Viewer@12345',
        project: 'ae-ad-1',
      }),
    });
    expect(((await viewerAfter.json()) as { error_code: string }).error_code).toBe(bffErrorCodes.mfaRequired);
    // Another user of the same account is not touched.
    await harness.logIn('admin', 'Admin@12345');
  });
});
