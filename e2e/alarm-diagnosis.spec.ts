import { expect, logIn, test } from './support.ts';

test('an administrator asks the assistant for the current alarms of a cluster gone read-only and diagnoses the alarm with 一键诊断', async ({
  page,
  scratch,
}) => {
  test.setTimeout(240_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await scratch.registerWithDbmind(cluster.id);

  // The server turns read-only behind the console's back, as a full disk would; DBMind's own sampling raises its
  // cluster-state alarm, which the cluster page's monitoring card shows when it next asks.
  await scratch.fault(cluster.id, 'read-only');
  await page.goto(`/clusters/${cluster.id}`);
  await expect(page.getByTestId('monitoring-alarm').filter({ hasText: 'DN read only' }).first()).toBeVisible({
    timeout: 60_000,
  });

  await page.getByRole('button', { name: '智能助手' }).click();
  const panel = page.getByTestId('assistant-panel');
  await expect(panel.getByText(`关于集群 ${cluster.name}`)).toBeVisible();
  await panel.getByRole('button', { name: '当前有哪些告警', exact: true }).click();
  const alarms = panel.getByTestId('answer').last();
  await expect(alarms).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

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
  await expect(panel.getByText(description, { exact: true }).last()).toBeVisible();
  const diagnosis = panel.getByTestId('answer').last();
  await expect(diagnosis).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const step of ['已查询故障树', '已识别异常告警信息', '已识别参数']) {
    await expect(diagnosis.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(diagnosis.getByRole('heading', { name: /^告警诊断：/ })).toBeVisible();
  await expect(diagnosis.getByRole('heading', { name: /排查风险项/ }).first()).toBeVisible();
  await expect(diagnosis.getByText(/^经诊断，/)).toBeVisible();
  await expect(diagnosis).not.toContainText('未能识别告警信息');
});
