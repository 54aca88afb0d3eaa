import { expect, type Locator, type Page } from '@playwright/test';
import { logIn, test } from './support.ts';

/** The buttons that change something, by their Chinese labels (an icon may add its own name in front). */
const writeLabels =
  /(^|\s)(创建集群|创建第一个集群|重\s*启|扩\s*容|重置密码|创建快照|删\s*除|恢\s*复|下一步|立即创建)$/;

/** The words of a refusal that names the right and the roles to ask for. */
const refusal = (right: string) =>
  `无权限：你在项目 ae-ad-1 中没有“${right}”的权限。请联系管理员授予 DWS FullAccess或DWS Administrator。`;

/**
 * The page shows a disabled button naming each of `rights` as missing, and every write button on it is off with
 * such a reason: none is left enabled, none is off without saying why.
 */
async function writeButtonsOff(page: Page, rights: string[]) {
  for (const right of rights) {
    const button = page.locator(`button[aria-description="${refusal(right)}"]`).first();
    await expect(button).toBeVisible();
    await expect(button).toBeDisabled();
  }
  for (const button of await page.getByRole('button', { name: writeLabels }).all()) {
    if (!(await button.isVisible())) continue;
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('aria-description', /^无权限：/);
  }
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
  await writeButtonsOff(viewer, ['创建集群', '重启集群']);
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
  await writeButtonsOff(viewer, ['创建集群']);

  // The cluster's page: its five actions and the snapshot list's create, restore and delete.
  await viewer.goto(`/clusters/${cluster.id}`);
  await expect(viewer.getByRole('heading', { name: cluster.name })).toBeVisible();
  await expect(viewer.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible();
  await writeButtonsOff(viewer, [
    '重启集群',
    '扩容集群',
    '重置集群密码',
    '创建快照',
    '删除集群',
    '恢复快照',
    '删除快照',
  ]);
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
  await writeButtonsOff(viewer, ['创建快照', '恢复快照', '删除快照']);
  await viewer.getByRole('link', { name: snapshot.name, exact: true }).click();
  await expect(viewer).toHaveURL(new RegExp(`/snapshots/${snapshot.id}$`));
  await writeButtonsOff(viewer, ['恢复快照', '删除快照']);

  // The assistant's page: registering a cluster is off, and the notice beside it says why in words.
  await viewer.getByRole('menuitem', { name: '智能运维' }).click();
  await expect(viewer.getByRole('button', { name: '纳管集群' })).toBeDisabled();
  const notice = viewer.getByRole('main').getByTestId('chat-access');
  await expect(notice).toContainText(
    '你在项目 ae-ad-1 中没有重置集群密码的权限，不能向智能运维注册集群（注册要交给它数据库用户和密码）。请联系管理员授予 DWS FullAccess或DWS Administrator。',
  );
  await expect(viewer.getByRole('main')).not.toContainText('dws:');

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
  await viewer.getByRole('menuitem', { name: 'Intelligent O&M' }).click();
  await expect(viewer.getByRole('main').getByTestId('chat-access')).toContainText(
    'You may not reset cluster passwords in project ae-ad-1, so you cannot register clusters with the assistant',
  );

  expect(writes).toEqual([]);
  // The administrator's console offers what the viewer's does not.
  await page.goto(`/clusters/${cluster.id}`);
  await expect(page.getByRole('button', { name: /^poweroff 重\s*启$/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: '创建快照' }).first()).toBeEnabled();
  await context.close();
});
