import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, logIn, scratchPassword, test } from './support.ts';

const run = promisify(execFile);

/**
 * Runs the psql command the console shows, with a password and a query instead of the prompt: `connected`,
 * or `refused` when the server turned the password down. Any other failure (a timeout, a server that is not
 * there) throws, so it can never pass for a refused password.
 */
async function connects(psqlCommand: string, password: string): Promise<'connected' | 'refused'> {
  const args = psqlCommand
    .split(' ')
    .slice(1)
    .filter((arg) => arg !== '-W');
  try {
    await run('/usr/lib/postgresql/15/bin/psql', [...args, '-w', '-At', '-c', 'select 1'], {
      env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10', LC_MESSAGES: 'C' },
      timeout: 20_000,
    });
    return 'connected';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    if (/password authentication failed for user/.test(stderr)) return 'refused';
    throw new Error(`psql failed for another reason than the password: ${String(error)}`, { cause: error });
  }
}

test('an administrator resets the password with the rules, the strength and a confirmation, and the new one works', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await page.goto(`/clusters/${cluster.id}`);
  const psql = (await page.getByText(/^psql -h /).textContent()) ?? '';
  expect(await connects(psql, scratchPassword)).toBe('connected');

  await page.getByRole('button', { name: '重置密码' }).click();
  const dialog = page.getByRole('dialog', { name: `重置集群 ${cluster.name} 的管理员密码` });
  const password = dialog.getByLabel('新密码', { exact: true });
  const confirm = dialog.getByLabel('确认新密码');
  const strength = dialog.getByTestId('password-strength');
  await expect(password).toBeFocused();

  await password.fill('short');
  await expect(dialog.locator('li[data-met="false"]', { hasText: '长度为 8-32 个字符' })).toBeVisible();
  await expect(strength).toHaveText('弱');
  await password.fill('dbadmin');
  await expect(dialog.locator('li[data-met="false"]', { hasText: '不能与用户名或其倒序相同' })).toBeVisible();

  const newPassword = 'Harbor#Light-2077';
  await password.fill(newPassword);
  await expect(dialog.locator('li[data-met="false"]')).toHaveCount(0);
  await expect(strength).toHaveText('强');
  await confirm.fill('Harbor#Light-2078');
  await dialog.getByRole('button', { name: '重置密码' }).click();
  await expect(dialog.getByText('两次输入的密码不一致')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('reset-password-rules.png') });

  await confirm.fill(newPassword);
  await dialog.getByRole('button', { name: '重置密码' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('密码已重置')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('password-reset.png') });

  // The administrator connects with the new password only.
  expect(await connects(psql, newPassword)).toBe('connected');
  expect(await connects(psql, scratchPassword)).toBe('refused');

  // A password used before passes the browser's rules but the service refuses it, and says why.
  await page.getByRole('button', { name: '重置密码' }).click();
  await password.fill(scratchPassword);
  await confirm.fill(scratchPassword);
  await dialog.getByRole('button', { name: '重置密码' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('不能是以前用过的密码');
  await expect(alert).toContainText(/错误码: DWS\.\d+/);
  await expect(alert.getByTestId('request-id')).not.toBeEmpty();
  await page.screenshot({ path: testInfo.outputPath('password-refused.png') });
});
