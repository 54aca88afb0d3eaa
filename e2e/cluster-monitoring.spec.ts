import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support.ts';

const api = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };

interface DemoCluster {
  id: string;
  name: string;
  status: string;
  endpoints?: { connect_info: string }[];
}

/** The demo cluster, once it is available, registered with DBMind as a user does in the chat. */
async function demoCluster(page: Page): Promise<string> {
  let cluster: DemoCluster | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/dws/clusters', { headers: api });
        const { clusters } = (await response.json()) as { clusters: DemoCluster[] };
        cluster = clusters.find((c) => c.name === 'demo-cluster' && c.status === 'AVAILABLE');
        return Boolean(cluster?.endpoints?.[0]);
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
  const [host, port] = cluster!.endpoints![0]!.connect_info.split(':');
  const registered = await page.request.post('/api/dbmind/clusters/register', {
    headers: api,
    data: {
      cluster_name: 'demo-cluster',
      host,
      port: Number(port),
      username: 'dbadmin',
      password: 'Demo@Cluster2026',
    },
  });
  // 0: registered now; 1002: registered before (by an earlier journey of this run).
  expect([0, 1002]).toContain(((await registered.json()) as { data: { status: number } }).data.status);
  return cluster!.id;
}

test("the cluster page draws DBMind's samples and alarms, and diagnoses an alarm in the chat", async ({
  page,
}) => {
  test.setTimeout(540_000);
  await logIn(page, '/clusters');
  const clusterId = await demoCluster(page);
  await page.goto(`/clusters/${clusterId}`);

  const monitoring = page.getByTestId('cluster-monitoring');
  await expect(monitoring.getByText('监控', { exact: true })).toBeVisible({ timeout: 60_000 });
  // The emulator samples the cluster's PostgreSQL server every 2 s: the CPU chart draws a line from them.
  const cpu = monitoring.getByTestId('series-os_cpu_user_usage');
  await expect(cpu.getByTestId('latest-value')).toContainText(/最新值 \d+(\.\d+)? %/, { timeout: 120_000 });
  await expect(cpu.getByTestId('metric-chart').locator('svg path').first()).toBeAttached({ timeout: 60_000 });
  const connections = monitoring.getByTestId('series-gaussdb_total_connection');
  await expect(connections.getByTestId('latest-value')).toContainText(/最新值 \d+ 个/);

  await monitoring.getByText('6h', { exact: true }).click();
  await expect(cpu.getByTestId('metric-chart').locator('svg path').first()).toBeAttached({ timeout: 60_000 });

  // DBMind raises an alarm once the demo traffic's reporting transaction has stayed open past its threshold.
  const alarm = monitoring.getByTestId('monitoring-alarm').first();
  await expect(alarm).toBeVisible({ timeout: 270_000 });
  const description = (await alarm.locator('.ant-list-item-meta-description').textContent()) ?? '';
  expect(description).toContain('期间出现如下异常');

  // antd spaces out a two-character Chinese label ("诊 断").
  await alarm.getByRole('button', { name: /^诊\s*断$/ }).click();
  await expect(page).toHaveURL(/\/chat$/);
  // The conversation shows the alarm as the user's message, and DBMind diagnoses it.
  await expect(page.getByText(description, { exact: true }).last()).toBeVisible();
  const diagnosis = page.getByTestId('answer').last();
  await expect(diagnosis).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(diagnosis.getByText('查询故障树...', { exact: true })).toBeVisible();
  await expect(diagnosis.getByRole('heading', { name: /^告警诊断：/ })).toBeVisible();
  await expect(diagnosis).not.toContainText('未能识别告警信息');
});
