import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

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
