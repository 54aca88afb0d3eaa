import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, logIn, scratchPassword, test } from './support.ts';

const run = promisify(execFile);

test("a cluster whose server dies shows unavailable, comes back with a restart from the console, and takes the page's psql command", async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, '/clusters');
  const cluster = await scratch.cluster();
  await scratch.registerWithDbmind(cluster.id);
  await page.goto(`/clusters/${cluster.id}`);
  const status = page.locator('.ant-descriptions-item-label', { hasText: /^状态$/ }).locator('+ td');
  await expect(status).toHaveText('可用');

  // The server stops behind the console's back, as a crash would: the page shows it without a reload, within its
  // steady refresh (15 s) and the emulator's health check.
  await scratch.fault(cluster.id, 'stop');
  await expect(status).toHaveText('不可用', { timeout: 45_000 });
  // DBMind, sampling the same server, raises its cluster-state alarm; the monitoring card shows it when it
  // next asks (every 15 s).
  const alarm = page
    .getByTestId('monitoring-alarm')
    .filter({ has: page.getByText('集群状态', { exact: true }) })
    .filter({ hasText: '"dn_status": 1' });
  await expect(alarm.first()).toBeVisible({ timeout: 45_000 });
  await expect(alarm.first()).toContainText('} Unknown');
  await page.screenshot({ path: testInfo.outputPath('cluster-unavailable.png'), fullPage: true });

  await page.getByRole('button', { name: /重\s*启$/ }).click();
  const dialog = page.getByRole('dialog', { name: `重启集群 ${cluster.name}？` });
  await dialog.getByRole('button', { name: /重\s*启$/ }).click();
  await expect(page.getByText(`已开始重启集群 ${cluster.name}`)).toBeVisible();
  await expect(status).toHaveText('可用', { timeout: 90_000 });

  // The page's psql command connects (the password goes in the environment, as `-W` would ask for it).
  const command = page
    .locator('.ant-descriptions-item-label', { hasText: /^psql 命令$/ })
    .locator('+ td')
    .locator('code');
  const words = ((await command.textContent()) ?? '').trim().split(/\s+/);
  expect(words[0]).toBe('psql');
  const args = words.slice(1).filter((word) => word !== '-W');
  const { stdout } = await run('psql', [...args, '-tAc', 'select 40 + 2'], {
    env: { ...process.env, PGPASSWORD: scratchPassword, PGCONNECT_TIMEOUT: '10' },
    timeout: 30_000,
  });
  expect(stdout.trim()).toBe('42');
});
