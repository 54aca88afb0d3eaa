import { expect, logIn, registeredDemoCluster, test } from './support.ts';

test('pages are named in the tab, Monitor opens the monitoring, a bad snapshot link and the delete dialog explain themselves in Chinese', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await logIn(page, '/clusters');
  const demoId = await registeredDemoCluster(page);
  await expect(page).toHaveTitle('集群 - DWS 控制台');
  await page.getByRole('menuitem', { name: '节点规格' }).click();
  await expect(page).toHaveTitle('节点规格 - DWS 控制台');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle('Node types - DWS Console');
  await page.getByRole('button', { name: '简体中文' }).click();

  // 监控 in a row opens the cluster's monitoring, not the top of its page.
  await page.getByRole('menuitem', { name: '集群' }).click();
  const row = page.getByRole('row').filter({ hasText: demoId });
  await row.getByRole('link', { name: '监控' }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${demoId}#monitoring$`));
  await expect(page).toHaveTitle('集群详情 - DWS 控制台');
  await expect(page.getByTestId('cluster-monitoring')).toBeInViewport();

  // Deleting says what the number of manual snapshots to keep means before anyone types it.
  await page
    .getByRole('button', { name: /删\s*除/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: '删除集群 demo-cluster' });
  await expect(dialog.getByText(/0 表示手动快照随集群一起删除/)).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();

  // A mistyped snapshot link is explained in the console's language.
  await page.goto('/snapshots/not-a-uuid');
  await expect(page.getByRole('alert')).toContainText('快照 ID 无效：应为 UUID。');
  await expect(page).toHaveTitle('快照详情 - DWS 控制台');
});

test('the log-in page offers the language and the theme, and a dark theme darkens the whole page', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('登录 - DWS 控制台');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in to the DWS Console' })).toBeVisible();
  await expect(page).toHaveTitle('Log in - DWS Console');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
  expect(
    await page.evaluate<string>("getComputedStyle(document.querySelector('.boot')).backgroundColor"),
  ).toBe('rgb(0, 0, 0)');
});
