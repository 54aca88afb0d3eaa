import type { Page } from '@playwright/test';
import { expect, logIn, registeredDemoCluster, scratchPassword, test } from './support.ts';

/** Asks the panel and waits for the whole answer. */
async function askPanel(page: Page, question: string) {
  const panel = page.getByTestId('assistant-panel');
  await panel.getByLabel('描述问题，例如：当前有哪些告警').fill(question);
  await panel.getByRole('button', { name: /发\s*送/ }).click();
  const answer = panel.getByTestId('answer').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return answer;
}

test("the panel on each cluster's page answers about that cluster alone, and offers to register one DBMind does not know", async ({
  page,
  scratch,
}) => {
  test.setTimeout(420_000);
  await logIn(page, '/clusters');
  // The demo cluster holds test_db; a scratch cluster holds only the databases every cluster starts with.
  const demoId = await registeredDemoCluster(page);
  const cluster = await scratch.cluster();

  await page.goto(`/clusters/${cluster.id}`);
  await page.getByRole('button', { name: '智能助手' }).click();
  const panel = page.getByTestId('assistant-panel');
  await expect(panel.getByText(`关于集群 ${cluster.name}`)).toBeVisible();
  // DBMind does not know the new cluster: the panel asks for its database account, the administrator first.
  const registration = panel.getByTestId('cluster-registration');
  await expect(registration.getByLabel('数据库用户')).toHaveValue('dbadmin');
  await expect(panel.getByLabel('描述问题，例如：当前有哪些告警')).toBeDisabled();
  await registration.getByLabel('密码').fill(scratchPassword);
  await registration.getByRole('button', { name: /注\s*册/ }).click();
  await expect(registration).toBeHidden({ timeout: 30_000 });
  await expect(panel.getByRole('button', { name: '检查实例运行状况' })).toBeVisible();

  const scratchAnswer = await askPanel(page, '当前有哪些数据库？');
  await expect(scratchAnswer).toContainText('gaussdb');
  await expect(scratchAnswer).not.toContainText('test_db');

  // The panel stays open on the next page and talks about the cluster now in view.
  await page.getByRole('menuitem', { name: '集群' }).click();
  await page.getByRole('link', { name: 'demo-cluster', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${demoId}$`));
  await expect(panel.getByText('关于集群 demo-cluster')).toBeVisible();
  await expect(panel.getByTestId('cluster-registration')).toBeHidden();
  const demoAnswer = await askPanel(page, '当前有哪些数据库？');
  await expect(demoAnswer).toContainText('test_db');

  // Back on the scratch cluster, its own conversation is still there.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/clusters/${cluster.id}$`));
  await expect(panel.getByTestId('answer').last()).not.toContainText('test_db');
  await expect(panel.getByTestId('answer').last()).toContainText('gaussdb');
});

test('the panel is widened by dragging its edge or with the arrow keys, within bounds, and keeps its width alone in the browser', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, '/');
  await page.getByRole('button', { name: '智能助手' }).click();
  const drawer = page.locator('.ant-drawer-content-wrapper');
  const edge = page.getByRole('separator', { name: '调整智能助手宽度' });
  await expect(edge).toHaveAttribute('aria-valuenow', '520');
  const drawerWidth = async () => Math.round((await drawer.boundingBox())!.width);
  await expect.poll(drawerWidth).toBe(520);

  // Dragged 100 px to the left, the edge widens the panel by as much.
  // Hovering first waits until the drawer has slid in and checks that nothing covers the edge.
  await edge.hover();
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(edge).toHaveAttribute('aria-valuenow', '620');
  await expect.poll(drawerWidth).toBe(620);

  // From the keyboard: an arrow moves it by 16 px, End to the widest the window allows (960 px at 1440 px).
  await edge.focus();
  await page.keyboard.press('ArrowRight');
  await expect(edge).toHaveAttribute('aria-valuenow', '604');
  await page.keyboard.press('End');
  await expect(edge).toHaveAttribute('aria-valuenow', '960');
  await page.keyboard.press('ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', '960');
  await page.keyboard.press('Home');
  await expect(edge).toHaveAttribute('aria-valuenow', '360');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', '440');
  await expect.poll(drawerWidth).toBe(440);

  // The next visit opens the panel at that width; the browser keeps the width, nothing of a conversation.
  await page.reload();
  await page.getByRole('button', { name: '智能助手' }).click();
  await expect(edge).toHaveAttribute('aria-valuenow', '440');
  await expect.poll(drawerWidth).toBe(440);
  expect(await page.evaluate<string | null>("localStorage.getItem('dws-console.assistant-width')")).toBe(
    '440',
  );
  expect(await page.evaluate<string[]>('Object.keys(localStorage)')).not.toContainEqual(
    expect.stringMatching(/chat|conversation/i),
  );
});
