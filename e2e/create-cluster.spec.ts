import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('an administrator creates a cluster with the wizard and watches it become available', async ({
  page,
}, testInfo) => {
  // Creation runs a real PostgreSQL server behind a 30-second simulated provisioning at demo pace.
  test.setTimeout(180_000);
  const name = `journey-${Date.now().toString(36)}`;
  await logIn(page, '/clusters');
  await page.getByRole('button', { name: '创建集群' }).first().click();
  await expect(page).toHaveURL(/\/clusters\/new$/);

  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('请选择节点规格')).toBeVisible();
  await page.locator('.ant-radio-wrapper:not(.ant-radio-wrapper-disabled)').first().click();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByLabel('节点数')).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByLabel('集群名称').fill(name);
  await page.getByLabel('管理员密码').fill('short');
  await expect(page.locator('li[data-met="false"]').first()).toBeVisible();
  await page.getByLabel('管理员密码').fill('Tide-Pool-42');
  await expect(page.locator('li[data-met="false"]')).toHaveCount(0);
  await page.getByLabel('确认密码').fill('Tide-Pool-42');
  await page.getByRole('button', { name: '下一步' }).click();

  await expect(page.getByText(name)).toBeVisible();
  await page.getByRole('button', { name: '立即创建' }).click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{8,}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('创建中').first()).toBeVisible();
  // The page refreshes by itself while the cluster is being created.
  await expect(page.locator('.ant-badge-status-text', { hasText: /^可用$/ }).first()).toBeVisible({
    timeout: 150_000,
  });
  await expect(page.getByText(/^psql -h /)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-created.png'), fullPage: true });
});
