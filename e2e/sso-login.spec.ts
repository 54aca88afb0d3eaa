import { expect, test, type Page } from '@playwright/test';
import { consoleCookies, person, signOnFrom, ssoLink } from './sso.ts';
import { rememberSecrets } from './support.ts';

const headerProject = (page: Page) => page.locator('header .ant-select');
const createButton = (page: Page) => page.getByRole('button', { name: /创建(第一个)?集群$/ }).first();

async function switchTo(page: Page, project: string) {
  await headerProject(page).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: project }).click();
  await expect(headerProject(page)).toHaveText(project);
}

test('a federated administrator signs in through the provider’s pages and may change what their group allows, in each project', async ({
  page,
  context,
}) => {
  const alice = person('console-admins');
  await signOnFrom(page, '/clusters', alice);
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await expect(page.getByText(alice.username, { exact: true })).toBeVisible();

  // Only the session cookie: no ID token, IAM token or client secret anywhere the page can read.
  const cookies = await consoleCookies(context);
  expect(cookies.map((c) => c.name)).toEqual(['__Host-dws-session']);
  rememberSecrets(cookies[0]?.value);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/);

  await expect(headerProject(page)).toHaveText('ae-ad-1');
  await expect(createButton(page)).toBeEnabled();
  await switchTo(page, 'ae-ad-2');
  await expect(createButton(page)).toBeDisabled();
  await expect(createButton(page)).toHaveAttribute('aria-description', /^无权限：/);
});

test('a federated read-only person may only look, in each project', async ({ page }) => {
  const bob = person('console-readers');
  await signOnFrom(page, '/login', bob);
  await expect(page.getByText(bob.username, { exact: true })).toBeVisible();
  // Their second factor is their provider's business: IAM has no user of theirs to bind a device to.
  await expect(page.getByRole('button', { name: '虚拟MFA' })).toHaveCount(0);
  await page.goto('/clusters');
  for (const project of ['ae-ad-1', 'ae-ad-2']) {
    if ((await headerProject(page).textContent()) !== project) await switchTo(page, project);
    await expect(createButton(page)).toBeDisabled();
  }
});

test('a person the mapping gives no group is refused with a clear message and no session', async ({
  page,
  context,
}) => {
  const carol = person(undefined);
  await signOnFrom(page, '/login', carol);
  await expect(page).toHaveURL(/\/login\?sso=iam$/);
  await expect(page.getByRole('alert')).toContainText('IAM 未授予您的账号访问权限');
  expect(await consoleCookies(context)).toEqual([]);
});

test('log-out ends the provider’s session too: the next sign-on asks for the password again', async ({
  page,
  context,
}) => {
  const alice = person('console-admins');
  await signOnFrom(page, '/clusters', alice);
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await consoleCookies(context)).toEqual([]);

  await ssoLink(page).click();
  await expect(page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('minutes before an idle session ends the console offers to continue, and a single sign-on again brings the person back to the same page', async ({
  page,
  context,
}) => {
  const alice = person('console-admins');
  await page.clock.install();
  await signOnFrom(page, '/snapshots', alice);
  await expect(page).toHaveURL(/\/snapshots$/);
  const before = (await consoleCookies(context)).map((c) => c.value);
  const session = (await (await page.request.get('/api/session')).json()) as {
    expiresAt: string;
    isIdleEnd: boolean;
  };
  // The idle timeout (30 minutes) comes long before the token's end (a day).
  expect(session.isIdleEnd).toBe(true);

  // The page's clock, moved to four minutes before the end the session endpoint announced.
  await page.clock.fastForward(
    Date.parse(session.expiresAt) - 4 * 60_000 - (await page.evaluate(() => Date.now())),
  );
  const warning = page.getByRole('dialog', { name: '会话即将结束' });
  await expect(warning).toContainText('未操作');
  // Continuing an idle session asks for no sign-in: it tells the console the person is here.
  const kept = page.waitForResponse((r) => r.url().endsWith('/api/session/activity'));
  await warning.getByRole('button', { name: /继\s*续/ }).click();
  expect((await kept).status()).toBe(200);
  expect((await consoleCookies(context)).map((c) => c.value)).toEqual(before);

  // At the token's or absolute end the warning's link signs in again: the provider asks for no password.
  await page.goto(`/api/session/sso/start?next=${encodeURIComponent('/snapshots')}`);
  await expect(page).toHaveURL(/\/snapshots$/);
  await expect(page.getByText(alice.username, { exact: true })).toBeVisible();
  const after = (await consoleCookies(context)).map((c) => c.value);
  expect(after).toHaveLength(1);
  expect(after).not.toEqual(before);
  rememberSecrets(...after);
});
