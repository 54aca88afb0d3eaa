import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expectAccessible } from './axe.ts';
import { callApi, expect, logIn, rememberSecrets, test } from './support.ts';
import { emulatorPort } from './ports.ts';

const dataDir = path.resolve(import.meta.dirname, '../.data/e2e');
const run = promisify(execFile);

/** A call to the emulator's API with curl, as an operator scripts one; passwords and tokens go in on stdin. */
async function curl(args: string[], input?: string): Promise<string> {
  const child = run('curl', [
    '-sS',
    '--fail-with-body',
    '--cacert',
    path.join(dataDir, 'pki', 'ca.crt'),
    '-H',
    'Content-Type: application/json',
    ...args,
  ]);
  if (input !== undefined) child.child.stdin?.end(input);
  return (await child).stdout;
}

async function apiToken(user: string, password: string): Promise<string> {
  rememberSecrets(password);
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: user, password, domain: { name: 'demo' } } },
      },
      scope: { project: { name: 'ae-ad-1' } },
    },
  });
  const headers = await curl(
    [
      '-D',
      '-',
      '-o',
      '/dev/null',
      '-X',
      'POST',
      `https://127.0.0.1:${emulatorPort}/v3/auth/tokens`,
      '-d',
      '@-',
    ],
    body,
  );
  const token = /^x-subject-token:\s*(\S+)/im.exec(headers)?.[1];
  expect(token).toBeTruthy();
  rememberSecrets(token);
  return token!;
}

// The secret scan reads the journeys' logs: it reads what CTS kept of them too.
test.afterAll(async () => {
  const store = path.join(dataDir, 'emulator', 'cts');
  const logs = path.join(dataDir, 'logs');
  await mkdir(logs, { recursive: true });
  for (const name of await readdir(store).catch(() => [])) {
    await copyFile(path.join(store, name), path.join(logs, `cts-${name}`));
  }
});

test('the operations log shows who restarted a cluster, through the console and with curl', async ({
  page,
  scratch,
}) => {
  test.setTimeout(180_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();

  // In the console: the page's Events, read before the restart, show it without being opened again.
  await page.goto(`/clusters/${cluster.id}`);
  const events = page
    .locator('.ant-card', { has: page.getByText('事件', { exact: true }) })
    .locator('tr.ant-table-row');
  await expect(events.filter({ hasText: '创建集群' })).toHaveCount(1);
  await expect(events.filter({ hasText: '重启集群' })).toHaveCount(0);
  await page.getByRole('button', { name: /重\s*启$/ }).click();
  await page
    .getByRole('dialog', { name: `重启集群 ${cluster.name}？` })
    .getByRole('button', { name: /重\s*启$/ })
    .click();
  await expect(page.getByText(`已开始重启集群 ${cluster.name}`)).toBeVisible();
  await expect(events.filter({ hasText: '重启集群' }).filter({ hasText: 'admin' })).toHaveCount(1);
  await expect
    .poll(
      async () => {
        const body = (await (await callApi(page, 'GET', `/api/dws/clusters/${cluster.id}`)).json()) as {
          cluster: { status: string; task_status?: string | null };
        };
        return `${body.cluster.status}/${body.cluster.task_status ?? ''}`;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe('AVAILABLE/');

  // With the API: the administrator restarts it, the read-only user is refused.
  const restartUrl = `https://127.0.0.1:${emulatorPort}/v1.0/89cd04f168b84af6be287f71730fdb4b/clusters/${cluster.id}/restart`;
  const restart = (token: string) =>
    curl(['-X', 'POST', '-H', '@-', restartUrl, '-d', '{"restart":{}}'], `X-Auth-Token: ${token}\n`);
  const admin = await apiToken('admin', 'Admin@12345');
  await restart(admin);
  const viewer = await apiToken('viewer', 'Viewer@12345');
  await expect(restart(viewer)).rejects.toThrow(/403|DWS\.5036/);

  await page.getByRole('menuitem', { name: '操作日志' }).click();
  await expect(page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  await page.getByRole('searchbox', { name: '资源 ID' }).fill(cluster.id);
  await page.getByRole('searchbox', { name: '资源 ID' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`resource=${cluster.id}`));
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  const restarts = rows.filter({ hasText: '重启集群' });
  await expect(restarts).toHaveCount(3);
  await expect(restarts.filter({ hasText: '控制台' }).filter({ hasText: 'admin' })).toHaveCount(1);
  await expect(
    restarts.filter({ hasText: 'API' }).filter({ hasText: 'admin' }).filter({ hasText: '正常' }),
  ).toHaveCount(1);
  const refused = restarts.filter({ hasText: 'viewer' });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('警告');
  await expect(refused).toContainText('403');

  // The detail drawer shows the request and the answer.
  await refused.getByRole('button', { name: '详情' }).click();
  const drawer = page.getByRole('dialog', { name: '重启集群' });
  await expect(drawer.getByLabel('请求摘要')).toContainText('"restart"');
  await expect(drawer.getByLabel('响应摘要')).toContainText('DWS.5036');
  await expectAccessible(page, 'the operations log with a trace open');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // More refusals than a page holds: the filtered view pages through CTS's marker, and its export has them all.
  for (let i = 0; i < 20; i += 1) {
    await expect(restart(viewer)).rejects.toThrow(/403|DWS\.5036/);
  }
  await page.goto(`/operations-log?resource=${cluster.id}&status=warning`);
  await expect(rows).toHaveCount(20);
  await page.getByRole('button', { name: /加载更多/ }).click();
  await expect(rows).toHaveCount(21);
  await expect(page.getByRole('button', { name: /加载更多/ })).toHaveCount(0);
  await expectAccessible(page, 'the operations log, filtered');
  await expect(rows.filter({ hasText: '正常' })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 CSV/ }).click(),
  ]);
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  expect(csv).toHaveLength(22);
  for (const line of csv.slice(1)) {
    expect(line).toContain(`,restartCluster,warning,403,DWS,cluster,${cluster.id},${cluster.name},viewer,`);
  }

  // The cluster's own page lists its events.
  await page.goto(`/clusters/${cluster.id}`);
  // The ten newest, every one a restart of this cluster.
  await expect(events.filter({ hasText: '重启集群' })).toHaveCount(10);
});

test('a read-only user is told the operations log is not theirs', async ({ page }) => {
  await logIn(page, '/operations-log', 'viewer', 'Viewer@12345');
  await expect(page.getByText('你没有查看操作日志的权限')).toBeVisible();
  await expect(page.getByText('cts:trace:list')).toBeVisible();
});
