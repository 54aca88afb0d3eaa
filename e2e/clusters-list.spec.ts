import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('the clusters list shows its columns, its empty state or its rows, and switches language and theme', async ({
  page,
}, testInfo) => {
  await logIn(page, '/clusters');
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await expect(page.getByRole('button', { name: /刷\s*新/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '快照' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '节点规格' })).toBeVisible();

  const empty = page.getByText('还没有集群');
  const header = page.getByRole('columnheader', { name: '集群名称' });
  await expect(empty.or(header)).toBeVisible();

  await page.getByRole('button', { name: '深色主题' }).click();
  await expect(page.getByRole('button', { name: '浅色主题' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '浅色主题' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Node types' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('clusters-list.png'), fullPage: true });
});
