import { expect, logIn, test } from './support.ts';

test('an administrator scales a cluster out within the node count rule and sees it grow', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await page.goto(`/clusters/${cluster.id}`);
  const nodes = page.locator('.ant-descriptions-item-label', { hasText: /^节点数$/ }).locator('+ td');
  await expect(nodes).toHaveText('3');

  await page.getByRole('button', { name: /扩\s*容$/ }).click();
  const dialog = page.getByRole('dialog', { name: `扩容集群 ${cluster.name}` });
  await expect(dialog.getByText('当前 3 个节点')).toBeVisible();
  const count = dialog.getByLabel('增加的节点数');
  await expect(count).toBeFocused();

  // The rule: a whole number of 1 or more.
  await count.fill('');
  await dialog.getByRole('button', { name: /扩\s*容$/ }).click();
  await expect(dialog.getByText('必须是大于等于 1 的整数')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('scale-out-rule.png') });

  await count.fill('2');
  await expect(dialog.getByText('必须是大于等于 1 的整数')).toBeHidden();
  // The new nodes wait, added but not yet in service, until the journey has seen the cluster growing.
  const growing = await scratch.hold('resize', cluster.id);
  await dialog.getByRole('button', { name: /扩\s*容$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已开始扩容集群 ${cluster.name}`)).toBeVisible();
  await expect(page.getByText('扩容中').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-growing.png'), fullPage: true });
  await growing.release();

  await expect(nodes).toHaveText('5', { timeout: 60_000 });
  await expect(page.getByText('扩容中')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('cluster-grown.png'), fullPage: true });
});
