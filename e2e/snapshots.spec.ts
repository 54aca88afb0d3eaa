import { expect, logIn, pickOption, test, uniqueName } from './support.ts';

test('an administrator takes a snapshot from the list, restores it to a new cluster that then opens, and deletes the snapshot', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, '/snapshots');
  const cluster = await scratch.cluster();
  await page.reload();
  await expect(page.getByRole('heading', { name: '快照管理' })).toBeVisible();

  await page.getByRole('button', { name: '创建快照' }).click();
  const create = page.getByRole('dialog', { name: '创建快照' });
  await create.getByRole('button', { name: '创建快照' }).click();
  await expect(create.getByText('请选择集群')).toBeVisible();
  await pickOption(create.getByLabel('集群'), cluster.name);
  await create.getByLabel('快照名称').fill('ab');
  await create.getByLabel('描述').fill("it's");
  await expect(create.locator('.ant-form-item-explain-error')).toHaveText([
    '长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线',
    '最多 256 个字符，不能包含 !<>\'=&"，也不能包含控制字符、文字方向控制符或不成对的代理字符',
  ]);
  await page.screenshot({ path: testInfo.outputPath('snapshot-rules.png') });

  const name = uniqueName('snap');
  await create.getByLabel('快照名称').fill(name);
  await create.getByLabel('描述').fill('before the upgrade');
  // The snapshot waits, before its dump, until the journey has seen it being created.
  const snapshotting = await scratch.hold('snapshot', cluster.id);
  await create.getByRole('button', { name: '创建快照' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByText(`已开始创建快照 ${name}`)).toBeVisible();
  const link = page.getByRole('link', { name, exact: true });
  scratch.adoptSnapshot((await link.getAttribute('href'))?.split('/').pop() ?? '');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(cluster.name);
  await expect(row).toContainText('创建中');
  await page.screenshot({ path: testInfo.outputPath('snapshot-creating.png'), fullPage: true });
  await snapshotting.release();
  // The list looks again by itself while the snapshot is being written.
  await expect(row).toContainText('可用', { timeout: 60_000 });
  await expect(row).toContainText('手动');
  await page.screenshot({ path: testInfo.outputPath('snapshot-available.png'), fullPage: true });

  // Names are unique in a project regardless of case: only the service knows the others, and says so.
  await page.getByRole('button', { name: '创建快照' }).click();
  await pickOption(create.getByLabel('集群'), cluster.name);
  await create.getByLabel('快照名称').fill(name.toUpperCase());
  await create.getByRole('button', { name: '创建快照' }).click();
  const refused = create.getByRole('alert');
  await expect(refused).toContainText('已被本项目中的其他快照使用（名称不区分大小写）');
  await expect(refused).toContainText(/错误码: DWS\.\d+/);
  await expect(refused.getByTestId('request-id')).toHaveText(/^\S{8,}$/);
  await page.screenshot({ path: testInfo.outputPath('snapshot-name-taken.png') });
  await create.getByRole('button', { name: /取\s*消/ }).click();

  await row.getByRole('button', { name: /恢\s*复/ }).click();
  const restore = page.getByRole('dialog', { name: `将快照 ${name} 恢复到新集群` });
  // The source cluster's settings are the defaults.
  await expect(restore.getByText('各项默认取源集群的设置；留空的项由服务沿用源集群的值。')).toBeVisible();
  await expect(restore.getByLabel('端口')).toHaveValue('8000');
  await expect(restore.getByLabel('虚拟私有云')).toHaveValue('85b20d7e-9eb7-4b2a-98f3-3c8843ea3574');
  await restore.getByLabel('新集群名称').fill('x');
  await restore.getByRole('button', { name: '下一步' }).click();
  await expect(
    restore.getByText('长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线'),
  ).toBeVisible();
  const restored = uniqueName('restored');
  await restore.getByLabel('新集群名称').fill(restored);
  await restore.getByLabel('端口').fill('8100');
  await restore.getByRole('button', { name: '下一步' }).click();

  // The review shows the request as it will be sent.
  const request = restore.getByTestId('api-request');
  await expect(request).toContainText(/^POST \/v1\.0\/\{project_id\}\/snapshots\/[0-9a-f-]{36}\/actions/);
  await expect(request).toContainText(`"name": "${restored}"`);
  await expect(request).toContainText('"port": 8100');
  await page.screenshot({ path: testInfo.outputPath('restore-review.png') });
  // The new cluster stays RESTORING, its data in place, until the journey has seen it being restored.
  const restoring = await scratch.hold('restore', restored);
  await restore.getByRole('button', { name: /恢\s*复/ }).click();

  // The console opens the new cluster and shows it being restored until it is available.
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
  scratch.adoptCluster(page.url().split('/').pop() ?? '');
  await expect(page.getByRole('heading', { name: restored })).toBeVisible();
  await expect(page.getByText('恢复中').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-restoring.png'), fullPage: true });
  await restoring.release();
  await expect(page.locator('.ant-badge-status-text', { hasText: /^可用$/ }).first()).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByText('恢复中')).toHaveCount(0);
  const port = page.locator('.ant-descriptions-item-label', { hasText: /^端口$/ }).locator('+ td');
  // The port to connect to comes first; the one asked for at the restore is named after it.
  await expect(port).toContainText('8100');
  await page.screenshot({ path: testInfo.outputPath('cluster-restored.png'), fullPage: true });

  await page.getByRole('menuitem', { name: '快照' }).click();
  await row.getByRole('button', { name: /删\s*除/ }).click();
  const remove = page.getByRole('dialog', { name: `删除快照 ${name}` });
  const confirm = remove.getByRole('button', { name: /删\s*除/ });
  await expect(confirm).toBeDisabled();
  await remove.getByLabel(`请输入 ${name} 以确认`).fill(name);
  await page.screenshot({ path: testInfo.outputPath('delete-snapshot-dialog.png') });
  await confirm.click();
  await expect(page.getByText(`快照 ${name} 已删除`)).toBeVisible();
  await expect(link).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('snapshot-deleted.png'), fullPage: true });
});
