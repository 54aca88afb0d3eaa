import { expect, type Locator, type Page } from '@playwright/test';
import { logIn, test } from './support.ts';

/**
 * Confirms the open dialog: DWS refuses the call, and the dialog shows the code, the message in the user's
 * language and the request id; then cancel.
 */
async function expectRefused(page: Page, dialog: Locator, confirm: Locator, screenshot?: string) {
  const answer = page.waitForResponse(
    (response) => response.request().method() !== 'GET' && response.url().includes('/api/dws/'),
    { timeout: 15_000 },
  );
  await confirm.click();
  expect((await answer).status()).toBe(403);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('您没有执行此操作的权限。');
  await expect(alert).toContainText('错误码: DWS.5036');
  await expect(alert.getByTestId('request-id')).toHaveText(/^\S{8,}$/);
  if (screenshot) await page.screenshot({ path: screenshot });
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
}

/** Disabled, and hovering it says why. */
async function expectDisabledWithReason(page: Page, button: Locator, reason: string) {
  await expect(button).toBeDisabled();
  // A disabled button takes no pointer events; the mouse over it reaches the wrapper the tooltip listens on.
  // A page still laying out can move the button from under the mouse, so the hover is repeated until it holds.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await button.hover({ force: true });
    await expect(page.getByRole('tooltip')).toHaveText(`${reason} (DWS.5036)`, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toBeHidden();
}

test('a viewer sees clusters and snapshots; each action is refused once, shown with its code and request id, then disabled with the reason', async ({
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
  await logIn(viewer, '/clusters', 'viewer', 'Viewer@12345');
  await expect(viewer.getByText('viewer', { exact: true })).toBeVisible();
  const link = viewer.getByRole('link', { name: cluster.name, exact: true });
  await expect(viewer.locator('.ant-table-row', { has: link })).toContainText('可用');
  await viewer.screenshot({ path: testInfo.outputPath('viewer-clusters.png'), fullPage: true });
  await link.click();
  await expect(viewer.getByRole('heading', { name: cluster.name })).toBeVisible();
  const reason = '您没有执行此操作的权限。';

  const restart = viewer.getByRole('button', { name: /重\s*启$/ });
  await restart.click();
  const restartDialog = viewer.getByRole('dialog', { name: `重启集群 ${cluster.name}？` });
  await expectRefused(
    viewer,
    restartDialog,
    restartDialog.getByRole('button', { name: /重\s*启$/ }),
    testInfo.outputPath('viewer-restart-refused.png'),
  );
  await expectDisabledWithReason(viewer, restart, reason);

  const resize = viewer.getByRole('button', { name: /扩\s*容$/ });
  await resize.click();
  const resizeDialog = viewer.getByRole('dialog', { name: `扩容集群 ${cluster.name}` });
  await expectRefused(viewer, resizeDialog, resizeDialog.getByRole('button', { name: /扩\s*容$/ }));
  await expectDisabledWithReason(viewer, resize, reason);

  const reset = viewer.getByRole('button', { name: '重置密码' });
  await reset.click();
  const resetDialog = viewer.getByRole('dialog', { name: `重置集群 ${cluster.name} 的管理员密码` });
  await resetDialog.getByLabel('新密码', { exact: true }).fill('Harbor#Light-2077');
  await resetDialog.getByLabel('确认新密码').fill('Harbor#Light-2077');
  await expectRefused(viewer, resetDialog, resetDialog.getByRole('button', { name: '重置密码' }));
  await expectDisabledWithReason(viewer, reset, reason);

  const remove = viewer.getByRole('button', { name: /^delete 删\s*除$/ });
  await remove.click();
  const removeDialog = viewer.getByRole('dialog', { name: `删除集群 ${cluster.name}` });
  await removeDialog.getByLabel(`请输入 ${cluster.name} 以确认`).fill(cluster.name);
  await expectRefused(viewer, removeDialog, removeDialog.getByRole('button', { name: /删\s*除/ }));
  await expectDisabledWithReason(viewer, remove, reason);

  const takeSnapshot = viewer.getByRole('button', { name: '创建快照' });
  await takeSnapshot.click();
  const snapshotDialog = viewer.getByRole('dialog', { name: '创建快照' });
  await snapshotDialog.getByLabel('快照名称').fill(`${snapshot.name}-viewer`);
  await expectRefused(viewer, snapshotDialog, snapshotDialog.getByRole('button', { name: '创建快照' }));
  await expectDisabledWithReason(viewer, takeSnapshot, reason);

  const row = viewer.getByRole('row', { name: new RegExp(snapshot.name) });
  const restore = row.getByRole('button', { name: /恢\s*复/ });
  await restore.click();
  const restoreDialog = viewer.getByRole('dialog', { name: `将快照 ${snapshot.name} 恢复到新集群` });
  await restoreDialog.getByLabel('新集群名称').fill(`${cluster.name}-copy`);
  await restoreDialog.getByRole('button', { name: '下一步' }).click();
  await expectRefused(viewer, restoreDialog, restoreDialog.getByRole('button', { name: /恢\s*复/ }));
  await expectDisabledWithReason(viewer, restore, reason);

  const deleteSnapshot = row.getByRole('button', { name: /删\s*除/ });
  await deleteSnapshot.click();
  const deleteDialog = viewer.getByRole('dialog', { name: `删除快照 ${snapshot.name}` });
  await deleteDialog.getByLabel(`请输入 ${snapshot.name} 以确认`).fill(snapshot.name);
  await expectRefused(viewer, deleteDialog, deleteDialog.getByRole('button', { name: /删\s*除/ }));
  await expectDisabledWithReason(viewer, deleteSnapshot, reason);
  await viewer.screenshot({ path: testInfo.outputPath('viewer-actions-disabled.png'), fullPage: true });

  // The console remembers for the rest of the visit, in either language.
  await viewer.getByRole('button', { name: 'English' }).click();
  const englishReason = 'You do not have the permission for this operation.';
  await expectDisabledWithReason(viewer, viewer.getByRole('button', { name: 'Restart' }), englishReason);
  await viewer.getByRole('menuitem', { name: 'Snapshots' }).click();
  await expectDisabledWithReason(
    viewer,
    viewer.getByRole('button', { name: 'Create snapshot' }),
    englishReason,
  );
  await viewer.screenshot({ path: testInfo.outputPath('viewer-snapshots-en.png'), fullPage: true });

  // Nothing was done to the cluster or its snapshot.
  await viewer.getByRole('link', { name: cluster.name, exact: true }).click();
  await expect(viewer.locator('.ant-badge-status-text', { hasText: /^Available$/ }).first()).toBeVisible();
  await expect(viewer.getByRole('link', { name: snapshot.name, exact: true })).toBeVisible();
  await context.close();
});
