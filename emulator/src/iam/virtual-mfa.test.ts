import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualMfaRefusals } from '@dws-console/shared';
import { loadEmulatorConfig } from '../config.ts';
import { startEmulator, type RunningEmulator } from '../emulator.ts';
import { Secret, TOTP } from 'otpauth';
import { virtualMfaTotp } from '@dws-console/shared';
import { demoMfaUser, wrongCode, type MfaUser } from './demo-mfa-user.ts';
import { loadDirectory, type DirectoryUser } from './directory.ts';

let dataDir: string;
let emulator: RunningEmulator;
let dispatcher: Agent;
let mfaUser: MfaUser;
let otherUser: DirectoryUser;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'emulator-mfa-'));
  const config = loadEmulatorConfig({ DATA_DIR: dataDir, EMULATOR_PORT: '0', EMULATOR_DBMIND_PORT: '0' });
  mfaUser = await demoMfaUser();
  const users = (await loadDirectory(config.EMULATOR_IAM_CONFIG)).domains[0]?.users ?? [];
  const other = users.find((u) => !u.virtual_mfa);
  if (!other) throw new Error('the demo directory has no user without virtual MFA');
  otherUser = other;
  emulator = await startEmulator(config);
  dispatcher = new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } });
});

afterAll(async () => {
  await emulator.close();
  await dispatcher.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(passcode: string, userId = mfaUser.id) {
  const response = await fetch(`${emulator.cloudUrl}/v3/auth/tokens?nocatalog=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password', 'totp'],
          password: { user: { name: mfaUser.name, password: mfaUser.password, domain: { name: 'demo' } } },
          totp: { user: { id: userId, passcode } },
        },
        scope: { project: { name: 'ae-ad-1' } },
      },
    }),
    dispatcher,
  });
  const body = (await response.json()) as {
    token?: { methods: string[]; user: { id: string } };
    error?: { code: number; message: string; title: string };
  };
  return { status: response.status, token: response.headers.get('X-Subject-Token'), body };
}

describe('password and virtual MFA (methods password, totp)', () => {
  it('issues a token for the current code, once', async () => {
    const first = await signIn(mfaUser.totp.generate());
    expect(first.status).toBe(201);
    expect(first.token).toMatch(/^MII/);
    expect(first.body.token?.methods).toEqual(['password', 'totp']);
    expect(first.body.token?.user.id).toBe(mfaUser.id);

    const again = await signIn(mfaUser.totp.generate({ timestamp: Date.now() - 30_000 }));
    expect(again.status).toBe(401);
    expect(again.body.error).toEqual({ code: 401, title: 'Unauthorized', message: virtualMfaRefusals.used });
  });

  it('refuses a wrong code, an expired one and another user’s id in IAM’s error shape', async () => {
    const wrong = await signIn(wrongCode(mfaUser.totp));
    expect(wrong).toMatchObject({ status: 401, token: null });
    expect(wrong.body.error?.message).toBe(virtualMfaRefusals.wrong);

    const expired = await signIn(mfaUser.totp.generate({ timestamp: Date.now() - 5 * 60_000 }));
    expect(expired).toMatchObject({ status: 401, token: null });
    expect(expired.body.error?.message).toBe(virtualMfaRefusals.expired);

    const foreign = await signIn(mfaUser.totp.generate(), otherUser.id);
    expect(foreign).toMatchObject({ status: 401, token: null });
  });

  it('refuses a passcode that is not six digits, naming the field', async () => {
    const malformed = await signIn('12ab56');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.message).toContain('totp.user.passcode');
  });

  it('tells each user, and only them, whether their log-ins are protected by virtual MFA', async () => {
    const tokenOf = async (user: { name: string; password: string }) => {
      const response = await fetch(`${emulator.cloudUrl}/v3/auth/tokens?nocatalog=true`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: user.name, password: user.password, domain: { name: 'demo' } } },
            },
            scope: { project: { name: 'ae-ad-1' } },
          },
        }),
        dispatcher,
      });
      await response.body?.cancel();
      return response.headers.get('X-Subject-Token') ?? '';
    };
    const protection = async (token: string, userId: string) => {
      const response = await fetch(`${emulator.cloudUrl}/v3.0/OS-USER/users/${userId}/login-protect`, {
        headers: { 'X-Auth-Token': token },
        dispatcher,
      });
      return { status: response.status, body: await response.json() };
    };
    const mfaToken = await tokenOf(mfaUser);
    const otherToken = await tokenOf(otherUser);
    expect(await protection(mfaToken, mfaUser.id)).toEqual({
      status: 200,
      body: { login_protect: { user_id: mfaUser.id, enabled: true, verification_method: 'vmfa' } },
    });
    expect(await protection(otherToken, otherUser.id)).toEqual({
      status: 200,
      body: { login_protect: { user_id: otherUser.id, enabled: false, verification_method: 'none' } },
    });
    expect((await protection(otherToken, mfaUser.id)).status).toBe(403);
  });
});

describe('binding a virtual MFA device (create, then two consecutive codes)', () => {
  const call = (method: string, pathname: string, token: string, body: unknown) =>
    fetch(`${emulator.cloudUrl}${pathname}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
      body: JSON.stringify(body),
      dispatcher,
    });

  it('binds the device to its own user only with two consecutive codes, and then protects their log-ins', async () => {
    const tokenResponse = await fetch(`${emulator.cloudUrl}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: otherUser.name, password: otherUser.password, domain: { name: 'demo' } },
            },
          },
          scope: { project: { name: 'ae-ad-1' } },
        },
      }),
      dispatcher,
    });
    await tokenResponse.body?.cancel();
    const token = tokenResponse.headers.get('X-Subject-Token') ?? '';

    const foreign = await call('POST', '/v3.0/OS-MFA/virtual-mfa-devices', token, {
      virtual_mfa_device: { name: 'phone', user_id: mfaUser.id },
    });
    expect(foreign.status).toBe(403);
    const created = await call('POST', '/v3.0/OS-MFA/virtual-mfa-devices', token, {
      virtual_mfa_device: { name: 'phone', user_id: otherUser.id },
    });
    expect(created.status).toBe(201);
    const { virtual_mfa_device: device } = (await created.json()) as {
      virtual_mfa_device: { serial_number: string; base32_string_seed: string };
    };
    const totp = new TOTP({ ...virtualMfaTotp, secret: Secret.fromBase32(device.base32_string_seed) });
    const step = (n: number) => totp.generate({ timestamp: Date.now() + n * 30_000 });
    const bind = (first: string, second: string) =>
      call('PUT', '/v3.0/OS-MFA/mfa-devices/bind', token, {
        binding_device: {
          user_id: otherUser.id,
          serial_number: device.serial_number,
          authentication_code_first: first,
          authentication_code_second: second,
        },
      });

    const notConsecutive = await bind(step(-1), step(1));
    expect(notConsecutive.status).toBe(400);
    expect(((await notConsecutive.json()) as { error: { message: string } }).error.message).toContain(
      'consecutive',
    );
    const protectedBefore = await fetch(
      `${emulator.cloudUrl}/v3.0/OS-USER/users/${otherUser.id}/login-protect`,
      {
        headers: { 'X-Auth-Token': token },
        dispatcher,
      },
    );
    expect(await protectedBefore.json()).toMatchObject({ login_protect: { enabled: false } });

    expect((await bind(step(-1), step(0))).status).toBe(204);
    const protectedAfter = await fetch(
      `${emulator.cloudUrl}/v3.0/OS-USER/users/${otherUser.id}/login-protect`,
      {
        headers: { 'X-Auth-Token': token },
        dispatcher,
      },
    );
    expect(await protectedAfter.json()).toMatchObject({
      login_protect: { enabled: true, verification_method: 'vmfa' },
    });
    const again = await call('POST', '/v3.0/OS-MFA/virtual-mfa-devices', token, {
      virtual_mfa_device: { name: 'phone', user_id: otherUser.id },
    });
    expect(again.status).toBe(409);
  });
});
