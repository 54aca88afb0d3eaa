import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('an administrator opens the current alarms and diagnoses one with 一键诊断', async ({ page }) => {
  test.setTimeout(300_000);
  await logIn(page, '/chat');

  // DBMind raises an alarm once the demo traffic's reporting transaction has stayed open past its
  // threshold (a couple of minutes after `npm start`); until then each inspection item is normal.
  const alarms = page.getByTestId('answer').last();
  await expect(async () => {
    await page.getByRole('button', { name: '新建对话' }).click();
    await page.getByRole('button', { name: '当前有哪些告警', exact: true }).click();
    await expect(alarms).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(alarms.getByRole('button', { name: '一键诊断' }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 270_000, intervals: [5_000] });

  // Each inspection item is a card; the abnormal one says what happened and offers the diagnosis.
  const alarmCard = alarms
    .getByTestId('alarm-card')
    .filter({ has: page.getByRole('button', { name: '一键诊断' }) })
    .first();
  await expect(alarmCard).toContainText('异常');
  await expect(alarmCard).toContainText('期间出现如下异常');
  const description = (await alarmCard.locator('.ant-typography').first().textContent()) ?? '';
  await expect(alarms.getByTestId('alarm-card').filter({ hasText: '正常' }).first()).toBeVisible();

  await alarmCard.getByRole('button', { name: '一键诊断' }).click();

  // The conversation shows the alarm as the user's message, not its JSON.
  await expect(page.getByText(description, { exact: true }).last()).toBeVisible();
  const diagnosis = page.getByTestId('answer').last();
  await expect(diagnosis).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const step of ['查询故障树...', '异常告警信息识别中...', '参数识别中...']) {
    await expect(diagnosis.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(diagnosis.getByRole('heading', { name: /^告警诊断：/ })).toBeVisible();
  await expect(diagnosis.getByRole('heading', { name: /排查风险项/ }).first()).toBeVisible();
  await expect(diagnosis.getByText(/^经诊断，/)).toBeVisible();
  await expect(diagnosis).not.toContainText('未能识别告警信息');
});
