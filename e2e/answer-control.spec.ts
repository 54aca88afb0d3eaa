import { expect, test } from '@playwright/test';
import { localRouterModelName } from '../shared/src/dbmind/llms.ts';
import { askTheHeldModel, startHeldModel, type HeldModel } from './held-model.ts';

let model: HeldModel;

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

test('the stop button stops an answer mid-stream, and DBMind stops working on it', async ({ page }) => {
  const { call, answer } = await askTheHeldModel(page, model);

  await answer.getByRole('button', { name: /停\s*止/ }).click();

  await expect(answer).toHaveAttribute('data-status', 'stopped');
  await expect(answer.getByText('回答已停止。')).toBeVisible();
  await expect(answer.getByRole('button', { name: /重\s*试/ })).toBeVisible();
  // The stop reached DBMind: it hung up on the model it was waiting for.
  await call.abandoned;
  expect(model.calls).toHaveLength(1);
});

test('an answer that was streaming when the page reloaded resumes and completes', async ({ page }) => {
  const { call } = await askTheHeldModel(page, model);

  await page.reload();
  const answer = page.getByTestId('answer').last();
  // The step under way reads in the present tense; once the answer ends, every step says it is done.
  await expect(answer.getByText('工具匹配中…', { exact: true })).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'streaming');

  call.release('get_top_sqls');

  await expect(answer).toHaveAttribute('data-status', 'done');
  await expect(answer.getByText('已调用工具', { exact: true })).toBeVisible();
  await expect(answer.getByText('已匹配工具', { exact: true })).toHaveCount(1);
  // The question reached DBMind once: the reload watched the same answer, it did not ask again.
  expect(model.calls).toHaveLength(1);
});
