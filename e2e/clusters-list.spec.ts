import { expect, logIn, test } from './support.ts';

test('the clusters list shows a cluster of the project in a row of its columns, and switches language and theme', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await page.reload();
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await expect(page.getByRole('button', { name: /刷\s*新/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '快照' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '节点规格' })).toBeVisible();

  // The project has a cluster, so the list shows rows, never its empty state.
  await expect(page.getByText('还没有集群')).toHaveCount(0);
  for (const column of ['集群名称', '状态', '节点规格', '节点数', '内网地址', '创建时间', '操作'])
    await expect(page.getByRole('columnheader', { name: column })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: cluster.id });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: cluster.name })).toHaveAttribute(
    'href',
    `/clusters/${cluster.id}`,
  );
  await expect(row).toContainText('可用');
  // The status's coloured dot is drawn, in the status's colour (antd's success green), not only its name.
  const dot = row.locator('.ant-badge-status-dot');
  expect((await dot.boundingBox())?.width).toBeGreaterThan(0);
  await expect(dot).toHaveCSS('background-color', 'rgb(35, 120, 4)');
  await expect(row).toContainText('dws.d2.xlarge');
  await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await expect(row).toContainText(/\d+\.\d+\.\d+\.\d+:\d+/);

  // A search that matches no cluster says so; clearing it brings the row back.
  const search = page.getByRole('textbox', { name: '按集群名称搜索' });
  await search.fill(`${cluster.name}-none`);
  await expect(page.getByText('没有符合条件的集群')).toBeVisible();
  await expect(row).toHaveCount(0);
  await search.fill('');
  await expect(row).toHaveCount(1);

  // The row under the pointer is marked in the theme's colour for it, in each theme (checked after the switch).
  const nameCell = row.getByRole('cell').first();
  const expectMarkedOnHover = async () => {
    const background = () =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector('tr[data-row-key="${cluster.id}"] > td')).backgroundColor`,
      );
    await page.getByRole('heading').first().hover();
    const plain = await background();
    await nameCell.hover();
    await expect.poll(background).not.toBe(plain);
  };
  await expectMarkedOnHover();

  await page.getByRole('button', { name: '深色主题' }).click();
  await expect(page.getByRole('button', { name: '浅色主题' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '浅色主题' })).toBeVisible();
  await expectMarkedOnHover();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Node types' })).toBeVisible();
  await expect(row).toContainText('Available');
  await page.screenshot({ path: testInfo.outputPath('clusters-list.png'), fullPage: true });
});
