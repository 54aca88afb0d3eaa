import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('an administrator logs in, sees the clusters page and logs out', async ({ page }) => {
  await page.goto('/clusters');
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);

  await page.getByLabel('IAM 用户名').fill('admin');
  await page.getByLabel('密码').fill('Admin@12345');
  await page.getByRole('button', { name: /登\s*录/ }).click();

  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '集群名称' })).toBeVisible();
  await expect(page.getByText('admin', { exact: true })).toBeVisible();

  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toEqual(['__Host-dws-session']);
  expect(cookies[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/clusters');
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
});

test('a wrong password gets one generic message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('IAM 用户名').fill('admin');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('alert')).toContainText('账号名、用户名、密码或项目不正确。');
  await expect(page).toHaveURL(/\/login$/);
});

test('index.html asks for the session, the list and the page’s code while the app loads, the calls once each, and never hands a log-in the answers from before it', async ({
  page,
}) => {
  const calls: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/api\/(session|dws\/clusters)$|\/early-requests-/.test(pathname)) {
      calls.push(`${request.method()} ${pathname.replace(/early-requests-.*/, 'early-requests')}`);
    }
  });
  const dataRow = page.locator('.ant-table-tbody tr.ant-table-row').first();

  // Without a session both early answers are 401s; the log-in drops them, so the list comes from a new call.
  await logIn(page, '/clusters');
  await expect(dataRow).toBeVisible();
  expect(calls).toEqual([
    'GET /assets/early-requests',
    'GET /api/session',
    'GET /api/dws/clusters',
    'POST /api/session',
    'GET /api/dws/clusters',
  ]);

  // With a session, the app takes the early answers instead of asking again.
  calls.length = 0;
  await page.reload();
  await expect(dataRow).toBeVisible();
  expect(calls.filter((call) => call.startsWith('GET /api/'))).toEqual([
    'GET /api/session',
    'GET /api/dws/clusters',
  ]);

  // It asks for the list page's code too, beside the shell's, and not for another page's: before the app could know
  // the page, since the app routes only once the session has answered. The session's answer is held back until
  // the page's code has been asked for, so a page that asked only after routing would never show its list.
  const routeCode: string[] = [];
  let codeAsked = () => {};
  const asked = new Promise<void>((resolve) => (codeAsked = resolve));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (!/-route-[\w-]+\.js$/.test(pathname)) return;
    routeCode.push(pathname.replace(/-route-.*/, '-route'));
    codeAsked();
  });
  await page.route('**/api/session', async (route) => {
    await asked;
    await route.continue();
  });
  await page.reload();
  await expect(dataRow).toBeVisible();
  expect(routeCode).toEqual(['/assets/clusters-route']);
});

test('dialogs, menus and buttons stop moving while the system asks for less motion, and move again when it stops', async ({
  page,
}) => {
  // The log-in button's own transition: antd's motion durations, which the setting turns to 0s.
  const transition = () =>
    page.evaluate<string>(
      "getComputedStyle(document.querySelector('button[type=submit]')).transitionDuration",
    );
  const still = /^0s(, 0s)*$/;
  // Journeys run as a system asking for less motion would (playwright.config.ts).
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  await expect.poll(transition).toMatch(still);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(transition).not.toMatch(still);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(transition).toMatch(still);
});
