import { callApi, expect, openMonitoredCluster, test } from './support.ts';

test("a stopped server is an outage on the cluster's charts and DBMind's cluster-state alarm, which ends when it is back", async ({
  page,
  scratch,
}) => {
  test.setTimeout(300_000);
  const { clusterId, monitoring, connections, cpu } = await openMonitoredCluster(page, scratch);
  await expect(connections.getByTestId('latest-value')).toContainText(/最新值 \d+ 个/);
  await expect(cpu.getByTestId('latest-value')).toContainText(/最新值 [\d.]+/);
  await expect(connections.getByText('实例不可用')).toHaveCount(0);

  // The server stops behind the console's back, as a crash would.
  await scratch.fault(clusterId, 'stop');
  const alarm = monitoring.getByTestId('monitoring-alarm').filter({ hasText: '集群状态' });
  await expect(alarm).toBeVisible({ timeout: 90_000 });
  await expect(alarm).toContainText('期间出现如下异常');
  // The line breaks where nothing answered, and the span is shaded and named, on every chart.
  await expect(connections.getByText('实例不可用')).toBeVisible({ timeout: 90_000 });
  await expect(cpu.getByText('实例不可用')).toBeVisible();
  // Down for four steps of the 1 h chart (a minute): the outage stays on the chart wherever its points fall.
  await expect
    .poll(
      async () => {
        const response = await callApi(page, 'GET', `/api/monitoring/clusters/${clusterId}?range=1h`);
        const body = (await response.json()) as {
          series: { metric: string; values: (number | null)[] }[];
        };
        const values = body.series.find((s) => s.metric === 'gaussdb_total_connection')?.values ?? [];
        const lastMeasured = values.findLastIndex((v) => v !== null);
        return values.length - 1 - lastMeasured;
      },
      { timeout: 120_000, intervals: [5_000] },
    )
    .toBeGreaterThanOrEqual(4);

  // The server is started again: the line goes on after the outage, and the alarm ends (its end stops moving).
  await scratch.endFault(clusterId, 'stop');
  const described = () => alarm.locator('.ant-list-item-meta-description').textContent();
  await expect
    .poll(
      async () => {
        await page.reload();
        const before = await described();
        await page.reload();
        return before !== null && before === (await described());
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(true);
  await expect(connections.getByTestId('latest-value')).toContainText(/最新值 \d+ 个/);
  await expect(connections.getByText('实例不可用')).toBeVisible();
});
