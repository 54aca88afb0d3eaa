import type { Page } from '@playwright/test';
import { expect, scratchPassword, test } from './support.ts';

/** Logs in to a project other than the form's default, as a user would. */
async function logInTo(page: Page, project: string, user: string, password: string) {
  await page.goto('/clusters');
  await page.getByLabel('IAM 用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('项目').fill(project);
  // The project field suggests names; its list would cover the button.
  await page.getByLabel('项目').press('Escape');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/clusters$/);
}

const api = (page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) =>
  page.request.fetch(path, {
    method,
    headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    ...(data === undefined ? {} : { data }),
    failOnStatusCode: false,
  });

test("ae-ad-2's viewer is offered only ae-ad-2's cluster, cannot register, and never hears about ae-ad-1's databases", async ({
  page,
  scratch,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  // ae-ad-1 has the demo cluster (registered with DBMind, holding test_db); ae-ad-2 gets its own here.
  await logInTo(page, 'ae-ad-2', 'admin', 'Admin@12345');
  const cluster = await scratch.cluster();
  const detail = (await (await api(page, 'GET', `/api/dws/clusters/${cluster.id}`)).json()) as {
    cluster: { endpoints: { connect_info: string }[] };
  };
  const own = detail.cluster.endpoints[0]!.connect_info;
  const separator = own.lastIndexOf(':');
  const registered = await api(page, 'POST', '/api/dbmind/clusters/register', {
    cluster_name: cluster.name,
    host: own.slice(0, separator),
    port: Number(own.slice(separator + 1)),
    username: 'dbadmin',
    password: scratchPassword,
  });
  expect(await registered.json()).toMatchObject({ data: { status: 0 } });

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await logInTo(viewer, 'ae-ad-2', 'viewer', 'Viewer@12345');
  await viewer.getByRole('menuitem', { name: '智能运维' }).click();
  await expect(viewer).toHaveURL(/\/chat$/);

  // Registration is not offered, and the page says why.
  await expect(viewer.getByTestId('chat-access')).toContainText('没有重置集群密码的权限');
  await expect(viewer.getByTestId('chat-access')).not.toContainText('dws:');
  await expect(viewer.getByRole('button', { name: '纳管集群' })).toBeDisabled();

  // The picker offers ae-ad-2's cluster and nothing of ae-ad-1's, though DBMind manages both.
  await viewer.getByRole('button', { name: '新建对话' }).click();
  await viewer.getByLabel('监控集群').click();
  const options = viewer.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText(own);
  await viewer.keyboard.press('Escape');

  // Asking answers about ae-ad-2's cluster: its databases, never ae-ad-1's test_db.
  await viewer.getByLabel('描述问题，例如：当前有哪些告警').fill('当前有哪些数据库？');
  await viewer.getByRole('button', { name: /发\s*送/ }).click();
  const answer = viewer.getByTestId('answer').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(answer).toContainText('gaussdb');
  await expect(answer).not.toContainText('test_db');
  await viewer.screenshot({ path: testInfo.outputPath('viewer-chat.png'), fullPage: true });

  // What the page does not offer is refused by the console too.
  const listed = (await (await api(viewer, 'GET', '/api/dbmind/clusters')).json()) as { data: object };
  expect(Object.keys(listed.data)).toEqual([own]);
  const stolen = await api(viewer, 'POST', '/api/dbmind/clusters/register', {
    cluster_name: 'stolen',
    host: own.slice(0, separator),
    port: Number(own.slice(separator + 1)),
    username: 'dbadmin',
    password: scratchPassword,
  });
  expect(stolen.status()).toBe(403);
  expect(await stolen.json()).toMatchObject({ error_code: 'CONSOLE.0403' });
  await context.close();
});
