import { expect, type Locator, type Page } from '@playwright/test';
import { logIn, test } from './support.ts';

/** The buttons that change something, by their Chinese labels (an icon may add its own name in front). */
const writeLabels =
  /(^|\s)(创建集群|创建第一个集群|重\s*启|扩\s*容|重置密码|创建快照|删\s*除|恢\s*复|下一步|立即创建)$/;

/** The words of a refusal that names the right and the roles to ask for. */
const refusal = (right: string) =>
  `无权限：你在项目 ae-ad-1 中没有“${right}”的权限。请联系管理员授予 DWS FullAccess或DWS Administrator。`;

/**
 * Every write button on the page is off and says why; answers their refusals, so a page whose buttons did not
 * draw (or that has none) cannot pass unnoticed.
 */
async function writeButtonsOff(page: Page): Promise<string[]> {
  const buttons = page.getByRole('button', { name: writeLabels });
  await expect(buttons.first()).toBeVisible();
  const reasons: string[] = [];
  for (const button of await buttons.all()) {
    if (!(await button.isVisible())) continue;
    await expect(button).toBeDisabled();
    reasons.push((await button.getAttribute('aria-description')) ?? '');
  }
  return reasons;
}

/** Hovering the disabled button shows the same reason in a tooltip. */
async function hoverSays(page: Page, button: Locator, reason: string) {
  await expect(button).toBeDisabled();
  // A disabled button takes no pointer events; the mouse over it reaches the wrapper the tooltip listens on.
  // A page still laying out can move the button from under the mouse, so the hover is repeated until it holds.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await button.hover({ force: true });
    await expect(page.getByRole('tooltip')).toHaveText(reason, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toBeHidden();
}

test('a viewer finds every write control of every page off before any click, each naming the missing right', async ({
  page,
  scratch,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  const snapshot = await scratch.snapshot(cluster.id);

  const context = await browser.newContext();
  const viewer = await context.newPage();
  // Nothing is learnt by failing: the viewer's browser never sends a write to DWS.
  const writes: string[] = [];
  viewer.on('request', (request) => {
    if (request.method() !== 'GET' && request.url().includes('/api/dws/')) writes.push(request.url());
  });
  await logIn(viewer, '/clusters', 'viewer', 'Viewer@12345');
  const link = viewer.getByRole('link', { name: cluster.name, exact: true });
  await expect(viewer.locator('.ant-table-row', { has: link })).toContainText('可用');

  // The clusters list: create, and each row's restart; the row's other actions sit under More, off as well.
  const listReasons = await writeButtonsOff(viewer);
  expect(listReasons).toContain(refusal('创建集群'));
  expect(listReasons).toContain(refusal('重启集群'));
  expect(listReasons.every((reason) => reason.startsWith('无权限：'))).toBe(true);
  await hoverSays(viewer, viewer.getByRole('button', { name: '创建集群' }), refusal('创建集群'));
  await viewer.getByRole('button', { name: `集群 ${cluster.name} 的更多操作` }).click();
  const menu = viewer.getByRole('menu');
  for (const [label, right] of [
    ['扩容', '扩容集群'],
    ['重置密码', '重置集群密码'],
    ['删除', '删除集群'],
  ] as const) {
    const item = menu.getByRole('menuitem', { name: label });
    await expect(item).toHaveAttribute('aria-disabled', 'true');
    await expect(item.locator('[aria-description]')).toHaveAttribute('aria-description', refusal(right));
  }
  await viewer.keyboard.press('Escape');
  await viewer.screenshot({ path: testInfo.outputPath('viewer-clusters.png'), fullPage: true });

  // The wizard, opened by its address: it cannot be walked through to a refusal.
  await viewer.goto('/clusters/new');
  expect(await writeButtonsOff(viewer)).toEqual([refusal('创建集群')]);

  // The cluster's page: its five actions and the snapshot list's create, restore and delete.
  await viewer.goto(`/clusters/${cluster.id}`);
  await expect(viewer.getByRole('heading', { name: cluster.name })).toBeVisible();
  await expect(viewer.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible();
  const detailReasons = await writeButtonsOff(viewer);
  for (const right of [
    '重启集群',
    '扩容集群',
    '重置集群密码',
    '创建快照',
    '删除集群',
    '恢复快照',
    '删除快照',
  ]) {
    expect(detailReasons).toContain(refusal(right));
  }
  await hoverSays(viewer, viewer.getByRole('button', { name: /^poweroff 重\s*启$/ }), refusal('重启集群'));
  await viewer.screenshot({ path: testInfo.outputPath('viewer-cluster.png'), fullPage: true });

  // The assistant beside it does not offer to register the cluster, and says why in words, not IAM actions.
  await viewer.getByRole('button', { name: '智能助手' }).click();
  const panel = viewer.getByTestId('assistant-panel');
  const registration = panel.getByRole('alert').filter({ hasText: '此集群尚未向 DBMind 注册' });
  await expect(registration).toContainText(
    '此集群尚未向 DBMind 注册：你在项目 ae-ad-1 中没有重置集群密码的权限，不能向智能运维注册集群',
  );
  await expect(registration).toContainText('DWS FullAccess或DWS Administrator');
  await expect(panel).not.toContainText('dws:');
  await viewer.getByRole('button', { name: '智能助手' }).click();

  // The snapshots page and a snapshot's page.
  await viewer.getByRole('menuitem', { name: '快照' }).click();
  await expect(viewer.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible();
  const snapshotReasons = await writeButtonsOff(viewer);
  for (const right of ['创建快照', '恢复快照', '删除快照']) expect(snapshotReasons).toContain(refusal(right));
  await viewer.getByRole('link', { name: snapshot.name, exact: true }).click();
  await expect(viewer).toHaveURL(new RegExp(`/snapshots/${snapshot.id}$`));
  const oneSnapshot = await writeButtonsOff(viewer);
  expect(oneSnapshot).toEqual(expect.arrayContaining([refusal('恢复快照'), refusal('删除快照')]));

  // In English, the same reasons in English.
  await viewer.getByRole('button', { name: 'English' }).click();
  await viewer.getByRole('menuitem', { name: 'Snapshots' }).click();
  await hoverSays(
    viewer,
    viewer.getByRole('button', { name: 'Create snapshot' }),
    'No permission: you may not create snapshots in project ae-ad-1. Ask your administrator for DWS FullAccess or DWS Administrator.',
  );
  await viewer.getByRole('menuitem', { name: 'Clusters' }).click();
  await hoverSays(
    viewer,
    viewer.getByRole('button', { name: 'Create cluster' }),
    'No permission: you may not create clusters in project ae-ad-1. Ask your administrator for DWS FullAccess or DWS Administrator.',
  );
  await viewer.screenshot({ path: testInfo.outputPath('viewer-clusters-en.png'), fullPage: true });

  expect(writes).toEqual([]);
  // The administrator's console offers what the viewer's does not.
  await page.goto(`/clusters/${cluster.id}`);
  await expect(page.getByRole('button', { name: /^poweroff 重\s*启$/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: '创建快照' }).first()).toBeEnabled();
  await context.close();
});
