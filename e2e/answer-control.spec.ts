import { expect, test, type Page } from '@playwright/test';
import { localRouterModelName } from '../shared/src/dbmind/llms.ts';
import { heldModelName, startHeldModel } from './held-model.ts';
import { logIn } from './support.ts';

let model: Awaited<ReturnType<typeof startHeldModel>>;

test.beforeEach(async () => {
  model = await startHeldModel();
});

test.afterEach(async ({ page }) => {
  // DBMind keeps the viewer's last choice as their model in every project: the built-in one again, so
  // the journeys after this one (e2e/tenant-isolation.spec.ts asks as a viewer) are not left without a model.
  const reset = await page.request.put('/api/dbmind/llms', {
    headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    data: { name: localRouterModelName, session_id: 'e2e_reset' },
  });
  expect(await reset.json()).toMatchObject({ data: true });
  await model?.close();
});

/**
 * Starts a conversation that uses the held model and asks a question: the answer stops at its first
 * step, 工具匹配中..., until the journey releases the model's call.
 */
async function askTheHeldModel(page: Page) {
  // DBMind remembers a user's last model choice as that user's default for new conversations: the viewer
  // chooses the held model here, so the administrator's journeys keep the built-in one.
  await logIn(page, '/chat', 'viewer', 'Viewer@12345');
  // DBMind lists the model once its probe of the endpoint succeeds (a stale "not answering" lasts seconds).
  await expect(async () => {
    await page.reload();
    await page.getByRole('button', { name: '新建对话' }).click();
    await page.getByRole('combobox', { name: '模型' }).click();
    await page.locator('.ant-select-item-option', { hasText: heldModelName }).click({ timeout: 2_000 });
    // DBMind accepted the choice for this conversation: the selector shows it.
    await expect(page.locator('#root').getByTitle(heldModelName, { exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000, intervals: [2_000] });

  await page.getByRole('button', { name: '查询当前的TOP SQL', exact: true }).click();
  const call = await model.nextCall();
  const answer = page.getByTestId('answer').last();
  await expect(answer.getByText('工具匹配中...', { exact: true })).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  return { call, answer };
}

test('the stop button stops an answer mid-stream, and DBMind stops working on it', async ({ page }) => {
  const { call, answer } = await askTheHeldModel(page);

  await answer.getByRole('button', { name: /停\s*止/ }).click();

  await expect(answer).toHaveAttribute('data-status', 'stopped');
  await expect(answer.getByText('回答已停止。')).toBeVisible();
  await expect(answer.getByRole('button', { name: /重\s*试/ })).toBeVisible();
  // The stop reached DBMind: it hung up on the model it was waiting for.
  await call.abandoned;
  expect(model.calls).toHaveLength(1);
});

test('an answer that was streaming when the page reloaded resumes and completes', async ({ page }) => {
  const { call } = await askTheHeldModel(page);

  await page.reload();
  const answer = page.getByTestId('answer').last();
  await expect(answer.getByText('工具匹配中...', { exact: true })).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'streaming');

  call.release('get_top_sqls');

  await expect(answer).toHaveAttribute('data-status', 'done');
  await expect(answer.getByText('工具调用中...', { exact: true })).toBeVisible();
  await expect(answer.getByText('工具匹配中...', { exact: true })).toHaveCount(1);
  // The question reached DBMind once: the reload watched the same answer, it did not ask again.
  expect(model.calls).toHaveLength(1);
});
