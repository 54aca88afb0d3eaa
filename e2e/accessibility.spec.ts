import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, logIn, registeredDemoCluster, scratchPassword, test } from './support.ts';

/** The dialog named `name`, checked, then closed with its Cancel button. */
async function checkDialog(page: Page, opener: RegExp | string, name: string, where: string) {
  await page.getByRole('button', { name: opener }).first().click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, where);
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page and dialog in the ${theme} theme has no serious axe finding`, async ({
    page,
    scratch,
  }) => {
    test.setTimeout(420_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await logIn(page, '/');
    if (theme === 'dark') await page.getByRole('button', { name: '深色主题' }).click();
    const demoId = await registeredDemoCluster(page);
    const cluster = await scratch.cluster();
    const snapshot = await scratch.snapshot(cluster.id);
    const where = (what: string) => `${what} (${theme})`;

    await page.goto('/snapshots');
    await expect(page.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expectAccessible(page, where('snapshots list'));
    await checkDialog(page, '创建快照', '创建快照', where('create snapshot dialog'));
    const row = page.getByRole('row', { name: new RegExp(snapshot.name) });
    await row.getByRole('button', { name: /恢\s*复/ }).click();
    const restore = page.getByRole('dialog', { name: `将快照 ${snapshot.name} 恢复到新集群` });
    await expect(restore.getByLabel('端口')).toHaveValue('8000');
    await expectAccessible(page, where('restore dialog'));
    await restore.getByLabel('新集群名称').fill(`${cluster.name}-r`);
    await restore.getByRole('button', { name: '下一步' }).click();
    await expect(restore.getByTestId('api-request')).toBeVisible();
    await expectAccessible(page, where('restore dialog review'));
    await restore.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('link', { name: snapshot.name, exact: true }).click();
    await expect(page.getByRole('heading', { name: snapshot.name })).toBeVisible();
    await expectAccessible(page, where('snapshot detail'));

    await page.goto('/node-types');
    await expect(page.getByRole('table')).toBeVisible();
    await expectAccessible(page, where('node types'));

    // A cluster DBMind watches: its page draws the monitoring card.
    await page.goto(`/clusters/${demoId}`);
    const cpu = page.getByTestId('series-os_cpu_user_usage');
    await expect(cpu.getByTestId('latest-value')).toBeVisible({ timeout: 120_000 });
    await expectAccessible(page, where('cluster detail with monitoring'));

    // A cluster DBMind does not know: its dialogs, and the panel's registration form.
    await page.goto(`/clusters/${cluster.id}`);
    await expect(page.getByRole('heading', { name: cluster.name })).toBeVisible();
    await expectAccessible(page, where('cluster detail'));
    await checkDialog(page, '重置密码', `重置集群 ${cluster.name} 的管理员密码`, where('reset password'));
    await checkDialog(page, /扩\s*容$/, `扩容集群 ${cluster.name}`, where('scale out'));
    await checkDialog(page, '创建快照', '创建快照', where('create snapshot from the cluster'));
    await checkDialog(page, /^delete 删\s*除$/, `删除集群 ${cluster.name}`, where('delete'));
    await page.getByRole('button', { name: '智能助手' }).click();
    const registration = page.getByTestId('cluster-registration');
    await expect(registration.getByLabel('数据库用户')).toHaveValue('dbadmin');
    await registration.getByLabel('密码').fill(scratchPassword);
    await expectAccessible(page, where('assistant panel with the registration form'));
    await page.getByRole('button', { name: '智能助手' }).click();

    await page.goto('/chat');
    await expect(page.getByRole('button', { name: '当前有哪些告警', exact: true })).toBeVisible();
    await expectAccessible(page, where('chat'));
    await checkDialog(page, '纳管集群', '向 DBMind 注册集群', where('DBMind registration dialog'));

    // The create wizard, step by step, to its review.
    await page.goto('/clusters/new');
    await expectAccessible(page, where('wizard: node type'));
    await page.locator('.ant-radio-wrapper:not(.ant-radio-wrapper-disabled)').first().click();
    await page.getByLabel('可用区').click();
    await page.locator('.ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByLabel('节点数')).toBeVisible();
    await expectAccessible(page, where('wizard: size'));
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByLabel('集群名称')).toBeVisible();
    await page.getByLabel('集群名称').fill(`${cluster.name}-w`);
    await page.getByLabel('管理员密码').fill(scratchPassword);
    await page.getByLabel('确认密码').fill(scratchPassword);
    await expectAccessible(page, where('wizard: settings'));
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByTestId('api-request')).toBeVisible();
    await expectAccessible(page, where('wizard: review'));
  });
}
