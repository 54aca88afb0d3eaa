import { expect, openMonitoredCluster, test } from './support.ts';

test("the cluster page draws DBMind's samples and alarms, and diagnoses an alarm in the assistant beside it", async ({
  page,
  scratch,
}) => {
  test.setTimeout(300_000);
  const { clusterId, monitoring, connections, cpu } = await openMonitoredCluster(page, scratch);
  await expect(monitoring.getByText('监控', { exact: true })).toBeVisible();
  // Prometheus scrapes the cluster's server and its processes every 2 s: the CPU chart draws a line from them.
  await expect(cpu.getByTestId('latest-value')).toContainText(/最新值 \d+(\.\d+)? %/);
  await expect(cpu.getByTestId('metric-chart').locator('svg path').first()).toBeAttached();
  await expect(connections.getByTestId('latest-value')).toContainText(/最新值 \d+ 个/);

  await monitoring.getByText('6h', { exact: true }).click();
  await expect(cpu.getByTestId('metric-chart').locator('svg path').first()).toBeAttached({ timeout: 60_000 });

  // The server turns read-only behind the console's back: DBMind's next sample raises its cluster-state alarm,
  // which the card shows when it next asks.
  await scratch.fault(clusterId, 'read-only');
  const alarm = monitoring.getByTestId('monitoring-alarm').first();
  await expect(alarm).toBeVisible({ timeout: 60_000 });
  const description = (await alarm.locator('.ant-list-item-meta-description').textContent()) ?? '';
  expect(description).toContain('期间出现如下异常');

  // antd spaces out a two-character Chinese label ("诊 断").
  await alarm.getByRole('button', { name: /^诊\s*断$/ }).click();
  // The assistant opens beside the cluster's page; the page stays.
  const panel = page.getByTestId('assistant-panel');
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/clusters/${clusterId}$`));
  // The conversation shows the alarm as the user's message, and DBMind diagnoses it.
  await expect(panel.getByText(description, { exact: true }).last()).toBeVisible();
  const diagnosis = panel.getByTestId('answer').last();
  await expect(diagnosis).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(diagnosis.getByText('已查询故障树', { exact: true })).toBeVisible();
  await expect(diagnosis.getByRole('heading', { name: /^告警诊断：/ })).toBeVisible();
  await expect(diagnosis).not.toContainText('未能识别告警信息');
});
