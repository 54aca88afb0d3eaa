import { expect, logIn, test, uniqueName } from './support.ts';

test('an administrator snapshots a cluster from its page, then deletes it by typing its name and keeps the latest snapshot', async ({
  page,
  scratch,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, '/clusters');
  await page.getByRole('button', { name: 'English' }).click();
  const cluster = await scratch.cluster();
  const older = await scratch.snapshot(cluster.id);
  await page.goto(`/clusters/${cluster.id}`);
  await expect(page.getByRole('heading', { name: cluster.name })).toBeVisible();

  // A snapshot from the cluster's page: the cluster is implied, the name and description rules are shown.
  await page.getByRole('button', { name: 'Create snapshot' }).click();
  const create = page.getByRole('dialog', { name: 'Create snapshot' });
  await expect(create.getByLabel('Cluster')).toBeHidden();
  const newer = uniqueName('keep');
  await create.getByLabel('Snapshot name').fill('1st');
  await create.getByLabel('Description').fill('no <tags>');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create.locator('.ant-form-item-explain-error')).toHaveText([
    /4-64 characters, start with a letter/,
    /at most 256 characters and contain none of/,
  ]);
  await page.screenshot({ path: testInfo.outputPath('snapshot-rules.png') });
  await create.getByLabel('Snapshot name').fill(newer);
  await create.getByLabel('Description').fill('taken before deleting the cluster');
  await create.getByRole('button', { name: 'Create snapshot' }).click();
  await expect(create).toBeHidden();
  const newerLink = page.getByRole('link', { name: newer, exact: true });
  scratch.adoptSnapshot((await newerLink.getAttribute('href'))?.split('/').pop() ?? '');
  const newerRow = page.getByRole('row', { name: new RegExp(newer) });
  await expect(newerRow).toContainText('Available', { timeout: 60_000 });
  await expect(page.getByRole('row', { name: new RegExp(older.name) })).toContainText('Available');

  await page.getByRole('button', { name: /^delete Delete$/ }).click();
  const dialog = page.getByRole('dialog', { name: `Delete cluster ${cluster.name}` });
  const confirm = dialog.getByRole('button', { name: 'Delete' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Manual snapshots to keep').fill('1');
  await dialog.getByLabel(`Type ${cluster.name} to confirm`).fill(`${cluster.name}x`);
  await expect(dialog.getByText('The name does not match')).toBeVisible();
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${cluster.name} to confirm`).fill(cluster.name);
  await expect(confirm).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('delete-cluster-dialog.png') });
  await confirm.click();

  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByText(`Deleting cluster ${cluster.name}`)).toBeVisible();
  // The list refreshes by itself while the cluster is being deleted, until it is gone.
  await expect(page.getByRole('link', { name: cluster.name, exact: true })).toHaveCount(0, {
    timeout: 60_000,
  });
  await page.screenshot({ path: testInfo.outputPath('cluster-deleted.png'), fullPage: true });

  await page.getByRole('menuitem', { name: 'Snapshots' }).click();
  await expect(page.getByRole('link', { name: newer, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: older.name, exact: true })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('snapshot-kept.png'), fullPage: true });
});
