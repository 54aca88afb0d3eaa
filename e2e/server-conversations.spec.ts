import type { Page } from '@playwright/test';
import { expect, logIn, registeredDemoCluster, test } from './support.ts';

/** Everything the page keeps in the browser's storage, as text. */
const storage = (page: Page) =>
  page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));

test('a conversation follows its user to a second browser, and nothing of it stays in the browser', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await logIn(page, '/chat');
  await registeredDemoCluster(page);
  const marker = `marker${Date.now().toString(36)}`;
  const question = `当前有哪些数据库？${marker}`;

  await page.getByRole('button', { name: '新建对话' }).click();
  await page.getByLabel('描述问题，例如：当前有哪些告警').fill(question);
  await page.getByRole('button', { name: /发\s*送/ }).click();
  const answer = page.getByTestId('answer').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(answer).toContainText('test_db');
  expect(await storage(page)).not.toContain(marker);

  // Another browser, the same user: the conversation is there, with its answer.
  const context = await browser.newContext();
  const second = await context.newPage();
  await logIn(second, '/chat');
  const listed = second.getByTestId('conversation').filter({ hasText: marker });
  await expect(listed).toBeVisible();
  await listed.click();
  await expect(second.getByTestId('conversation-view').getByText(question, { exact: true })).toBeVisible();
  const stored = second.getByTestId('answer').last();
  await expect(stored).toHaveAttribute('data-status', 'done');
  await expect(stored).toContainText('test_db');

  // Log-out leaves nothing of it in the browser.
  await second.getByRole('button', { name: /退出登录/ }).click();
  await expect(second).toHaveURL(/\/login/);
  expect(await storage(second)).not.toContain(marker);
  expect(await storage(second)).not.toContain('test_db');
  await context.close();

  await page.getByRole('button', { name: /退出登录/ }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await storage(page)).not.toContain(marker);
});
