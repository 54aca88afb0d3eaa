import { expect, logIn, test, uniqueName } from './support.ts';

test('an administrator creates a cluster with the wizard and watches it become available', async ({
  page,
  scratch,
}, testInfo) => {
  // Creation runs a real PostgreSQL server behind a 30-second simulated provisioning at demo pace.
  test.setTimeout(180_000);
  const name = uniqueName('journey');
  await logIn(page, '/clusters');
  await page.getByRole('button', { name: '创建集群' }).first().click();
  await expect(page).toHaveURL(/\/clusters\/new$/);

  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('请选择节点规格')).toBeVisible();
  // Visible only: the hidden steps' radios are in the page before the node types have loaded.
  await page.locator('.ant-radio-wrapper:visible:not(.ant-radio-wrapper-disabled)').first().click();
  // The zones are those the node-types call lists for the chosen type.
  await page.getByLabel('可用区').click();
  const zone = page.locator('.ant-select-item-option:not(.ant-select-item-option-disabled)').first();
  const zoneName = (await zone.textContent()) ?? '';
  await zone.click();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByLabel('节点数')).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByLabel('集群名称').fill(name);
  await page.getByLabel('管理员密码').fill('short');
  await expect(page.locator('li[data-met="false"]').first()).toBeVisible();
  await page.getByLabel('管理员密码').fill('Tide-Pool-42');
  await expect(page.locator('li[data-met="false"]')).toHaveCount(0);
  await page.getByLabel('确认密码').fill('Tide-Pool-42');
  await page.getByText('使用已有弹性 IP').click();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('绑定已有弹性 IP 时必须是弹性 IP 的 UUID')).toBeVisible();
  const eip = '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574';
  await page.getByLabel('弹性 IP 的 ID').fill(eip);
  await page.getByRole('button', { name: '下一步' }).click();

  // The review shows the values and the request as it will be sent, the password masked, to copy.
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  const request = page.getByTestId('api-request');
  await expect(request).toContainText('POST /v1.0/{project_id}/clusters');
  await expect(request).toContainText('"user_pwd": "******"');
  await expect(request).toContainText(`"availability_zone": "${zoneName}"`);
  await expect(request).toContainText(`"eip_id": "${eip}"`);
  await expect(request).not.toContainText('Tide-Pool-42');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: '复制 等效的 API 请求' }).click();
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(await request.textContent());
  await page.screenshot({ path: testInfo.outputPath('create-cluster-review.png'), fullPage: true });
  // The new cluster stays CREATING, its server up, until the journey has seen it being created.
  const creating = await scratch.hold('create', name);
  await page.getByRole('button', { name: '立即创建' }).click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{8,}$/);
  scratch.adoptCluster(page.url().split('/').pop() ?? '');
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('创建中').first()).toBeVisible();
  await creating.release();
  // The page refreshes by itself while the cluster is being created.
  await expect(page.locator('.ant-badge-status-text', { hasText: /^可用$/ }).first()).toBeVisible({
    timeout: 150_000,
  });
  await expect(page.getByText(/^psql -h /)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-created.png'), fullPage: true });
});
