import { expect, logIn, test } from './support.ts';

test('an administrator restarts a cluster after confirming and watches it come back', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await page.goto(`/clusters/${cluster.id}`);
  await expect(page.getByRole('heading', { name: cluster.name })).toBeVisible();

  await page.getByRole('button', { name: /重\s*启$/ }).click();
  const dialog = page.getByRole('dialog', { name: `重启集群 ${cluster.name}？` });
  await expect(dialog.getByText('重启期间集群不可用。')).toBeVisible();
  // Cancelling changes nothing.
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('重启中')).toHaveCount(0);

  // The restarted server waits, before the task ends, until the journey has seen the cluster rebooting.
  const rebooting = await scratch.hold('restart', cluster.id);
  await page.getByRole('button', { name: /重\s*启$/ }).click();
  await dialog.getByRole('button', { name: /重\s*启$/ }).click();
  await expect(page.getByText(`已开始重启集群 ${cluster.name}`)).toBeVisible();
  // The status shows the task while it runs, and the page looks again by itself until it has ended.
  const status = page.locator('.ant-descriptions-item-label', { hasText: /^状态$/ }).locator('+ td');
  await expect(status).toHaveText(/^可用\s*重启中$/);
  await page.screenshot({ path: testInfo.outputPath('cluster-rebooting.png'), fullPage: true });
  await rebooting.release();

  await expect(status).toHaveText('可用', { timeout: 60_000 });
  await expect(page.getByText('重启中')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('cluster-restarted.png'), fullPage: true });
});
