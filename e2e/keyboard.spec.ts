import type { Locator, Page } from '@playwright/test';
import { expect, logIn, registeredDemoCluster, test, uniqueName } from './support.ts';

// Everything here is done with page.keyboard alone: no clicks, no focus() calls, no fill().

/**
 * Presses `key` until `target` has the focus, as a keyboard user moves through the page; fails after `limit` presses.
 * Each press is checked against what has the focus right then: a target skipped over is never reached.
 */
async function pressUntilFocused(page: Page, target: Locator, key = 'Tab', limit = 40) {
  const focused = target.and(page.locator(':focus'));
  for (let presses = 0; presses < limit && (await focused.count()) === 0; presses++)
    await page.keyboard.press(key);
  await expect(target).toBeFocused();
}

/** True while the focus is on `container` or inside it. */
const focusWithin = (page: Page, container: Locator) =>
  container
    .locator(':focus')
    .or(container.and(page.locator(':focus')))
    .count()
    .then((count) => count > 0);

test('from the keyboard alone: log in, sort the clusters list, open a row’s menu and its Restart dialog without restarting', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters', undefined, undefined, { keyboard: true });
  await expect(page).toHaveURL(/\/clusters$/);
  const cluster = await scratch.cluster();
  await page.reload();

  // The search box narrows the list to the cluster; typing is all it takes.
  const search = page.getByRole('textbox', { name: '按集群名称搜索' });
  await pressUntilFocused(page, search);
  await page.keyboard.type(cluster.name);
  // Every key typed stays in the box, however fast it comes.
  await expect(search).toHaveValue(cluster.name);
  const row = page.getByRole('row').filter({ hasText: cluster.id });
  await expect(row).toHaveCount(1);

  // A sortable column's header takes the focus; Enter sorts by it, ascending then descending.
  const nameHeader = page.getByRole('columnheader', { name: '集群名称' });
  await pressUntilFocused(page, nameHeader);
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/sort=name/);
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

  // A column's filter: Alt+↓ on its header opens the menu with the focus in it; Enter picks a status, and
  // Escape closes the menu, applies the filter (the URL keeps it) and gives the focus back to the header.
  const statusHeader = page.getByRole('columnheader', { name: '状态' });
  await pressUntilFocused(page, statusHeader);
  await page.keyboard.press('Alt+ArrowDown');
  const filterMenu = page.locator('.ant-table-filter-dropdown');
  await expect(filterMenu).toBeVisible();
  await expect.poll(() => focusWithin(page, filterMenu)).toBe(true);
  const available = filterMenu.getByRole('menuitem', { name: '可用' });
  await pressUntilFocused(page, available, 'ArrowDown', 10);
  await page.keyboard.press('Enter');
  await expect(available.getByRole('checkbox')).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('status-filter.png') });
  await page.keyboard.press('Escape');
  await expect(filterMenu).toBeHidden();
  await expect(page).toHaveURL(/status=AVAILABLE/);
  await expect(statusHeader).toBeFocused();
  await expect(row).toHaveCount(1);

  // The row's operations, in reading order: its name, Monitor, Restart, More.
  await pressUntilFocused(page, row.getByRole('link', { name: cluster.name }));
  await pressUntilFocused(page, row.getByRole('link', { name: '监控' }));
  const restart = row.getByRole('button', { name: /重\s*启/ });
  await page.keyboard.press('Tab');
  await expect(restart).toBeFocused();
  const more = row.getByRole('button', { name: `集群 ${cluster.name} 的更多操作` });
  await page.keyboard.press('Tab');
  await expect(more).toBeFocused();
  // Shift+Tab goes back the same way.
  await page.keyboard.press('Shift+Tab');
  await expect(restart).toBeFocused();
  await page.keyboard.press('Tab');

  // Enter opens the menu and moves the focus into it; the arrows move through the items; Escape closes it
  // and gives the focus back to the button.
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu').filter({ has: page.getByRole('menuitem', { name: '扩容' }) });
  await expect(menu.getByRole('menuitem', { name: '扩容' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: '重置密码' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: '创建快照' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: '重置密码' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('more-menu.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();

  // The Restart dialog: Enter opens it and the focus moves inside, Tab and Shift+Tab stay inside.
  await page.keyboard.press('Shift+Tab');
  await expect(restart).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `重启集群 ${cluster.name}？` });
  await expect(dialog.getByText('重启期间集群不可用。')).toBeVisible();
  await expect.poll(() => focusWithin(page, dialog)).toBe(true);
  const cancel = dialog.getByRole('button', { name: /取\s*消/ });
  await pressUntilFocused(page, cancel, 'Tab', 5);
  // Past the dialog's last button Tab may leave the page for the browser's own controls, but it never reaches
  // anything of the page behind the dialog, and it comes back into the dialog.
  const focusedOutside = async () =>
    (await page.locator(':focus').count()) > 0 && !(await focusWithin(page, dialog));
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await focusedOutside(), `the focus after ${key} is outside the dialog`).toBe(false);
  }
  await pressUntilFocused(page, cancel, 'Shift+Tab', 5);
  await page.screenshot({ path: testInfo.outputPath('restart-dialog.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(restart).toBeFocused();
  // Nothing was sent: the cluster is available, with no task running.
  await expect(row).toContainText('可用');
  await expect(row).not.toContainText('重启中');
  const { cluster: after } = (await (await page.request.get(`/api/dws/clusters/${cluster.id}`)).json()) as {
    cluster: { status: string; task_status?: string | null };
  };
  expect(after.status).toBe('AVAILABLE');
  expect(after.task_status ?? '').toBe('');
});

test('from the keyboard alone: the create-cluster wizard walks to its review, and leaves without creating', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const name = uniqueName('keyboard');
  await logIn(page, '/clusters', undefined, undefined, { keyboard: true });
  const create = page.getByRole('button', { name: '创建集群' }).first();
  await pressUntilFocused(page, create);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/clusters\/new$/);

  // Step 1: the node types are a radio group (arrows choose), the zone a select (arrows and Enter).
  const firstType = page.getByRole('radio').and(page.locator(':not([disabled])')).first();
  await pressUntilFocused(page, firstType);
  await page.keyboard.press('Space');
  await expect(firstType).toBeChecked();
  const zone = page.getByLabel('可用区');
  await pressUntilFocused(page, zone);
  await page.keyboard.press('ArrowDown');
  await expect(zone).toHaveAttribute('aria-expanded', 'true');
  const zoneName = (await page.locator('.ant-select-item-option-active').textContent()) ?? '';
  expect(zoneName).toMatch(/^ae-/);
  await page.keyboard.press('Enter');
  await expect(zone).toHaveAttribute('aria-expanded', 'false');
  const next = page.getByRole('button', { name: '下一步' });
  await pressUntilFocused(page, next);
  await page.keyboard.press('Enter');

  // Step 2: the node count, typed over its default.
  const nodes = page.getByLabel('节点数');
  await expect(nodes).toBeVisible();
  await pressUntilFocused(page, nodes, 'Shift+Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('5');
  await pressUntilFocused(page, next);
  await page.keyboard.press('Enter');

  // Step 3: name and password, typed; Enter on the button moves on.
  const nameField = page.getByLabel('集群名称');
  await expect(nameField).toBeVisible();
  await pressUntilFocused(page, nameField, 'Shift+Tab');
  await page.keyboard.type(name);
  await pressUntilFocused(page, page.getByLabel('管理员密码'));
  await page.keyboard.type('Tide-Pool-42');
  await pressUntilFocused(page, page.getByLabel('确认密码'));
  await page.keyboard.type('Tide-Pool-42');
  await pressUntilFocused(page, next);
  await page.keyboard.press('Enter');

  // Step 4: the review shows the request as it will be sent.
  const request = page.getByTestId('api-request');
  await expect(request).toContainText('POST /v1.0/{project_id}/clusters');
  await expect(request).toContainText(`"name": "${name}"`);
  await expect(request).toContainText('"number_of_node": 5');
  await expect(request).toContainText(`"availability_zone": "${zoneName}"`);
  await expect(request).toContainText('"user_pwd": "******"');
  await page.screenshot({ path: testInfo.outputPath('wizard-review.png'), fullPage: true });

  // Leaving: back through the steps with Previous, then away through the side menu; nothing is created.
  const previous = page.getByRole('button', { name: '上一步' });
  await pressUntilFocused(page, previous, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(request).toBeHidden();
  await expect(nameField).toHaveValue(name);
  const clusters = await callClusters(page);
  expect(clusters).not.toContain(name);
});

/** The names of the project's clusters, as the console lists them. */
async function callClusters(page: Page): Promise<string[]> {
  const { clusters } = (await (await page.request.get('/api/dws/clusters')).json()) as {
    clusters: { name: string }[];
  };
  return clusters.map((c) => c.name);
}

test('from the keyboard alone: the side menu leads to the assistant, a question typed and sent with Enter is answered', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, '/', undefined, undefined, { keyboard: true });
  await registeredDemoCluster(page);

  // The side menu: Tab reaches it, the arrows move through its items, Enter opens one.
  const menu = page.getByRole('menu').first();
  await pressUntilFocused(page, menu);
  for (const item of ['总览', '集群', '快照', '节点规格', '操作日志', '智能运维']) {
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: item })).toBeFocused();
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/chat$/);

  const question = page.getByLabel('描述问题，例如：当前有哪些告警');
  await pressUntilFocused(page, question);
  await page.keyboard.type('当前有哪些数据库？');
  await page.keyboard.press('Enter');
  const answer = page.getByTestId('answer').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(answer).toContainText('test_db');
  await page.screenshot({ path: testInfo.outputPath('chat-answer.png'), fullPage: true });

  // The assistant panel: its button in the header opens it with Enter, and Escape closes it again, giving the
  // focus back to the button.
  const assistant = page.getByRole('button', { name: '智能助手' });
  await pressUntilFocused(page, assistant, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: '智能助手' });
  await expect(panel).toBeVisible();
  // The focus moves to the panel: the next Tab is on its first control.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: '关闭' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(assistant).toBeFocused();
});
