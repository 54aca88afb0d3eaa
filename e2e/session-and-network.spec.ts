import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('an ended session sends the user to log in and back to the page they asked for', async ({ page }) => {
  // Once the node types page has its list it calls nothing more, so the next call is the one the click makes.
  const listed = page.waitForResponse((response) => response.url().endsWith('/api/dws/node-types'));
  await logIn(page, '/node-types');
  expect((await listed).status()).toBe(200);
  // The session ends on the server side of the browser: the cookie no longer names a session.
  await page.context().clearCookies();
  await page.getByRole('menuitem', { name: '快照' }).click();

  await expect(page).toHaveURL(/\/login\?next=%2Fsnapshots$/);
  await page.getByLabel('IAM 用户名').fill('admin');
  await page.getByLabel('密码').fill('Admin@12345');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/snapshots$/);
  await expect(page.getByRole('columnheader', { name: '快照名称' })).toBeVisible();
});

test('a lost network shows a banner, and the console carries on when it is back', async ({ page }) => {
  await logIn(page, '/clusters');
  // The page and its code are here before the network goes.
  await expect(page.getByRole('link', { name: 'demo-cluster', exact: true })).toBeVisible();
  const banner = page.getByText('网络已断开，恢复后将自动重试。');
  await expect(banner).toBeHidden();

  await page.context().setOffline(true);
  await expect(banner).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('offline.png') });

  await page.context().setOffline(false);
  await expect(banner).toBeHidden();
  await page.getByRole('button', { name: /刷\s*新/ }).click();
  await expect(page.getByRole('link', { name: 'demo-cluster', exact: true })).toBeVisible();
});

test('a visit without a session settles: the early calls the log-in page does not take are not left open', async ({
  page,
}) => {
  const early = page.waitForResponse((response) => response.url().endsWith('/api/dws/clusters'));
  // Probes and audits wait for the network to go quiet; a call left unread would keep them waiting for ever.
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page).toHaveURL(/\/login/);
  expect((await early).status()).toBe(401);
  await expect(page.getByLabel('IAM 用户名')).toBeVisible();
});
