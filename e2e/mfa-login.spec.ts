import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { rememberSecrets } from './support.ts';

interface DemoUser {
  name: string;
  password: string;
  virtual_mfa?: { secret: string };
}

/** The demo user whose log-ins a virtual MFA device protects, and the authenticator that device pairs with. */
function mfaUser(): { name: string; password: string; totp: TOTP } {
  const file = path.join(import.meta.dirname, '..', 'emulator', 'config', 'iam.json');
  const iam = JSON.parse(readFileSync(file, 'utf8')) as { domains: { users: DemoUser[] }[] };
  const user = iam.domains.flatMap((d) => d.users).find((u) => u.virtual_mfa);
  if (!user?.virtual_mfa) throw new Error(`${file} has no user with virtual MFA`);
  const secret = Secret.fromBase32(user.virtual_mfa.secret);
  return { ...user, totp: new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret }) };
}

async function enterPassword(page: Page, user: { name: string; password: string }) {
  await page.getByLabel('IAM 用户名').fill(user.name);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

test('a user protected by virtual MFA logs in with the code of the moment, which is then used up', async ({
  page,
}) => {
  const user = mfaUser();
  await page.goto('/clusters');
  await enterPassword(page, user);

  const code = page.getByLabel('验证码');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  // No session yet: the password alone opens nothing.
  expect(await page.context().cookies()).toEqual([]);

  const passcode = user.totp.generate();
  await code.fill(passcode);
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await expect(page.getByText(user.name, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await enterPassword(page, user);
  await page.getByLabel('验证码').fill(passcode);
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.getByRole('alert')).toContainText('该验证码已使用过');
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.context().cookies()).toEqual([]);
});

test('a user binds a virtual MFA device from the console, and their next log-in asks for its code', async ({
  page,
}) => {
  const user = { name: 'mfa-new', password: 'MfaNew@12345' };
  await page.goto('/clusters');
  await enterPassword(page, user);
  await expect(page).toHaveURL(/\/clusters$/);

  await page.getByRole('button', { name: '虚拟MFA' }).click();
  const dialog = page.getByRole('dialog', { name: '绑定虚拟MFA设备' });
  await expect(dialog.locator('canvas, svg').first()).toBeVisible();
  const secret = (await dialog.locator('code').textContent()) ?? '';
  rememberSecrets(secret);
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const now = Date.now();
  await dialog.getByLabel('第一个验证码').fill(totp.generate({ timestamp: now - 30_000 }));
  await dialog.getByLabel('第二个验证码（下一个）').fill(totp.generate({ timestamp: now }));
  await dialog.getByRole('button', { name: '绑 定' }).click();
  await expect(dialog.getByText('虚拟MFA设备已绑定')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await enterPassword(page, user);
  await page.getByLabel('验证码').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/$|\/clusters$|\/overview$/);
  await expect(page.getByText(user.name, { exact: true })).toBeVisible();
});
