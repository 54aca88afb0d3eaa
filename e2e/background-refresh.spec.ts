import { expect, logIn, pickOption, test } from './support.ts';

test('what the user typed into an open form survives the page refreshing its data in the background', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, '/snapshots');
  const cluster = await scratch.cluster();
  await page.reload();

  await page.getByRole('button', { name: '创建快照' }).click();
  const create = page.getByRole('dialog', { name: '创建快照' });
  await pickOption(create.getByLabel('集群'), cluster.name);
  await create.getByLabel('快照名称').fill('half-typed-name');
  await create.getByLabel('描述').fill('typed before the refresh');

  // The browser tab comes back into view: the page looks again at the lists it shows, as it does for users.
  await expect(async () => {
    const refreshed = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/dws/snapshots',
      { timeout: 2_000 },
    );
    await page.evaluate("window.dispatchEvent(new Event('visibilitychange'))");
    await refreshed;
  }).toPass({ timeout: 30_000, intervals: [1_000] });

  await expect(create).toBeVisible();
  await expect(create.getByLabel('快照名称')).toHaveValue('half-typed-name');
  await expect(create.getByLabel('描述')).toHaveValue('typed before the refresh');
  await expect(create.getByText(cluster.name)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('form-kept.png') });
});
