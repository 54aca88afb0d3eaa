import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, logIn, registeredDemoCluster, scratchPassword, test } from './support.ts';

/** What the journey reads on the screen, in each language of the console (antd spaces out two-character buttons). */
const texts = {
  'zh-CN': {
    switchTo: undefined,
    darkTheme: '深色主题',
    createSnapshot: '创建快照',
    restore: /恢\s*复/,
    restoreTitle: (name: string) => `将快照 ${name} 恢复到新集群`,
    port: '端口',
    newClusterName: '新集群名称',
    next: '下一步',
    resetPassword: '重置密码',
    resetTitle: (name: string) => `重置集群 ${name} 的管理员密码`,
    scaleOut: /扩\s*容$/,
    scaleOutTitle: (name: string) => `扩容集群 ${name}`,
    delete: /^delete 删\s*除$/,
    deleteTitle: (name: string) => `删除集群 ${name}`,
    assistant: '智能助手',
    databaseUser: '数据库用户',
    password: '密码',
    register: '纳管集群',
    registerTitle: '向 DBMind 注册集群',
    zone: '可用区',
    nodes: '节点数',
    clusterName: '集群名称',
    adminPassword: '管理员密码',
    confirmPassword: '确认密码',
  },
  en: {
    switchTo: 'English',
    darkTheme: 'Dark theme',
    createSnapshot: 'Create snapshot',
    restore: 'Restore',
    restoreTitle: (name: string) => `Restore snapshot ${name} to a new cluster`,
    port: 'Port',
    newClusterName: 'New cluster name',
    next: 'Next',
    resetPassword: 'Reset password',
    resetTitle: (name: string) => `Reset the administrator password of ${name}`,
    scaleOut: /Scale out$/,
    scaleOutTitle: (name: string) => `Scale out cluster ${name}`,
    delete: /^delete Delete$/,
    deleteTitle: (name: string) => `Delete cluster ${name}`,
    assistant: 'Assistant',
    databaseUser: 'Database user',
    password: 'Password',
    register: 'Register cluster',
    registerTitle: 'Register a cluster with DBMind',
    zone: 'Availability zone',
    nodes: 'Nodes',
    clusterName: 'Cluster name',
    adminPassword: 'Administrator password',
    confirmPassword: 'Confirm the password',
  },
};

const cancel = /^(取\s*消|Cancel)$/;

/** The dialog named `name`, checked, then closed with its Cancel button. */
async function checkDialog(page: Page, opener: RegExp | string, name: string, where: string) {
  await page.getByRole('button', { name: opener }).first().click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, where);
  await dialog.getByRole('button', { name: cancel }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Both themes in Chinese, and English in the light theme: the colours are the same in either language, so
 * the English run checks what a language changes (names, labels, the page's language).
 */
const runs = [
  { language: 'zh-CN', text: texts['zh-CN'], theme: 'light', width: 1440 },
  { language: 'zh-CN', text: texts['zh-CN'], theme: 'dark', width: 1440 },
  { language: 'en', text: texts.en, theme: 'light', width: 1440 },
  // The narrowest window the console supports: the side menu folded, columns given way, tables scrolling.
  { language: 'en', text: texts.en, theme: 'dark', width: 1024 },
] as const;

for (const { language, text, theme, width } of runs) {
  test(`every page and dialog in ${language}, in the ${theme} theme, at ${width} px, has no serious axe finding`, async ({
    page,
    scratch,
  }) => {
    test.setTimeout(420_000);
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, '/');
    if (text.switchTo) await page.getByRole('button', { name: text.switchTo }).click();
    // The page's language, which a screen reader speaks in, follows the choice after every load.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    if (theme === 'dark') await page.getByRole('button', { name: text.darkTheme }).click();
    const demoId = await registeredDemoCluster(page);
    const cluster = await scratch.cluster();
    const snapshot = await scratch.snapshot(cluster.id);
    const where = (what: string) => `${what} (${language}, ${theme}, ${width} px)`;

    await page.goto('/snapshots');
    await expect(page.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expectAccessible(page, where('snapshots list'));
    await checkDialog(page, text.createSnapshot, text.createSnapshot, where('create snapshot dialog'));
    const row = page.getByRole('row', { name: new RegExp(snapshot.name) });
    await row.getByRole('button', { name: text.restore }).click();
    const restore = page.getByRole('dialog', { name: text.restoreTitle(snapshot.name) });
    await expect(restore.getByLabel(text.port)).toHaveValue('8000');
    await expectAccessible(page, where('restore dialog'));
    await restore.getByLabel(text.newClusterName).fill(`${cluster.name}-r`);
    await restore.getByRole('button', { name: text.next }).click();
    await expect(restore.getByTestId('api-request')).toBeVisible();
    await expectAccessible(page, where('restore dialog review'));
    await restore.getByRole('button', { name: cancel }).click();

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
    await checkDialog(page, text.resetPassword, text.resetTitle(cluster.name), where('reset password'));
    await checkDialog(page, text.scaleOut, text.scaleOutTitle(cluster.name), where('scale out'));
    await checkDialog(
      page,
      text.createSnapshot,
      text.createSnapshot,
      where('create snapshot from the cluster'),
    );
    await checkDialog(page, text.delete, text.deleteTitle(cluster.name), where('delete'));
    await page.getByRole('button', { name: text.assistant }).click();
    const registration = page.getByTestId('cluster-registration');
    await expect(registration.getByLabel(text.databaseUser)).toHaveValue('dbadmin');
    await registration.getByLabel(text.password).fill(scratchPassword);
    await expectAccessible(page, where('assistant panel with the registration form'));
    await page.getByRole('button', { name: text.assistant }).click();

    await page.goto('/chat');
    await expect(page.getByRole('button', { name: '当前有哪些告警', exact: true })).toBeVisible();
    await expectAccessible(page, where('chat'));
    await checkDialog(page, text.register, text.registerTitle, where('DBMind registration dialog'));

    // The create wizard, step by step, to its review.
    await page.goto('/clusters/new');
    // Visible only: the hidden steps' radios are in the page before the node types have loaded, and a click
    // waits on the element it found first.
    const nodeType = page.locator('.ant-radio-wrapper:visible:not(.ant-radio-wrapper-disabled)').first();
    await expect(nodeType).toBeVisible();
    await expectAccessible(page, where('wizard: node type'));
    await nodeType.click();
    await page.getByLabel(text.zone).click();
    await page.locator('.ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
    await page.getByRole('button', { name: text.next }).click();
    await expect(page.getByLabel(text.nodes)).toBeVisible();
    await expectAccessible(page, where('wizard: size'));
    await page.getByRole('button', { name: text.next }).click();
    await expect(page.getByLabel(text.clusterName)).toBeVisible();
    await page.getByLabel(text.clusterName).fill(`${cluster.name}-w`);
    await page.getByLabel(text.adminPassword).fill(scratchPassword);
    await page.getByLabel(text.confirmPassword).fill(scratchPassword);
    await expectAccessible(page, where('wizard: settings'));
    await page.getByRole('button', { name: text.next }).click();
    await expect(page.getByTestId('api-request')).toBeVisible();
    await expectAccessible(page, where('wizard: review'));
  });
}
