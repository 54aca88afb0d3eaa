import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('the node types page lists every spec with vCPU, memory and storage', async ({ page }, testInfo) => {
  await logIn(page, '/node-types');
  await expect(page.getByRole('heading', { name: '节点规格' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'vCPU（核）' })).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^\d+$/);
  await page.screenshot({ path: testInfo.outputPath('node-types.png'), fullPage: true });
});
