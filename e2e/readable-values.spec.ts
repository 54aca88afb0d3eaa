import { callApi, expect, logIn, registeredDemoCluster, test } from './support.ts';

const settings = [
  {
    language: 'zh',
    publicIp: '暂不使用',
    enterpriseProject: '默认（ID 0）',
    storage: '本地盘',
    latest: /^最新值 \d+ 个$/,
  },
  {
    language: 'en',
    publicIp: 'Not now',
    enterpriseProject: 'Default (ID 0)',
    storage: 'Local disk',
    latest: /^Latest \d+$/,
  },
] as const;

for (const { language, publicIp, enterpriseProject, storage, latest } of settings) {
  test(`in ${language} the cluster page and node types show values a person reads, not codes`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await logIn(page, '/clusters');
    const clusterId = await registeredDemoCluster(page);
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
    const { cluster } = (await (await callApi(page, 'GET', `/api/dws/clusters/${clusterId}`)).json()) as {
      cluster: { endpoints: { connect_info: string }[]; maintain_window?: { day?: string } };
    };
    await page.goto(`/clusters/${clusterId}`);
    const valueOf = (label: string) =>
      page
        .locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::*[1]');

    await expect(valueOf(language === 'en' ? 'Public IP' : '公网 IP')).toHaveText(publicIp);
    await expect(valueOf(language === 'en' ? 'Enterprise project' : '企业项目')).toHaveText(
      enterpriseProject,
    );
    // The port is the one the address, the JDBC URL and the psql command use.
    const connectPort = cluster.endpoints[0]!.connect_info.split(':').pop()!;
    await expect(valueOf(language === 'en' ? 'Port' : '端口')).toContainText(new RegExp(`^${connectPort}`));
    // DWS says `Wed`; the page says the day as the language does.
    const day = valueOf(language === 'en' ? 'Day' : '日期');
    await expect(day).not.toHaveText(cluster.maintain_window?.day ?? '-');
    await expect(day).toHaveText(language === 'en' ? /day$/ : /^星期/);
    await expect(page.locator('main')).not.toContainText(/not_use|In-Sync/);

    // DBMind's Chinese units are not shown in English, and figures keep two decimals at most.
    const connections = page.getByTestId('series-gaussdb_total_connection').getByTestId('latest-value');
    await expect(connections).toHaveText(latest, { timeout: 120_000 });
    const cpu = page.getByTestId('series-os_cpu_user_usage').getByTestId('latest-value');
    await expect(cpu).toHaveText(/^\D+\d+(\.\d{1,2})? %$/);

    await page.goto('/node-types');
    await expect(page.getByRole('cell', { name: storage, exact: true }).first()).toBeVisible();
    await expect(page.locator('main')).not.toContainText('LOCAL_DISK');
  });
}
