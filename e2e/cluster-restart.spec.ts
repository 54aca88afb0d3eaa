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

  await page.getByRole('button', { name: /重\s*启$/ }).click();
  await dialog.getByRole('button', { name: /重\s*启$/ }).click();
  await expect(page.getByText(`已开始重启集群 ${cluster.name}`)).toBeVisible();
  // The task shows while it runs (the list shows it too), and the page looks again by itself until it ends.
  await expect(page.getByText('重启中').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-rebooting.png'), fullPage: true });

  await expect(page.getByText('重启中')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.ant-badge-status-text', { hasText: /^可用$/ }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-restarted.png'), fullPage: true });
});
