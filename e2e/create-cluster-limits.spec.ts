import { expect, logIn, test } from './support.ts';

test('the wizard keeps what was typed and says why it does not fit: node limits, a name already used, Cancel, the review from its top, sold-out types marked', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await logIn(page, '/clusters/new');

  // A sold-out node type says so in words, not only by a paler radio.
  const soldOut = page
    .locator('.ant-card-small:visible')
    .filter({ has: page.locator('.ant-radio-wrapper-disabled') });
  await expect(soldOut.first()).toBeVisible();
  await expect(soldOut.first().getByText('已售罄', { exact: true })).toBeVisible();
  await page.locator('.ant-radio-wrapper:visible:not(.ant-radio-wrapper-disabled)').first().click();
  await page.getByRole('button', { name: '下一步' }).click();

  // Out of range: the number stays as typed, the limits are said, and the step does not go on.
  const nodes = page.getByLabel('节点数');
  await expect(page.getByText('2 到 256 之间的整数')).toBeVisible();
  for (const typed of ['1', '999']) {
    await nodes.fill(typed);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(nodes).toHaveValue(typed);
    await expect(page.locator('.ant-form-item-explain-error').first()).toBeVisible();
    await expect(nodes).toBeVisible();
  }
  await nodes.fill('3');
  await page.getByRole('button', { name: '下一步' }).click();

  // A name the project already uses is refused on its step, not by the service after the review.
  await page.getByLabel('集群名称').fill('demo-cluster');
  await page.getByLabel('管理员密码').fill('Tide-Pool-42');
  await page.getByLabel('确认密码').fill('Tide-Pool-42');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('本项目已有名为 demo-cluster 的集群，请换一个名称。')).toBeVisible();
  await page.getByLabel('集群名称').fill('limits-journey');
  await page.getByRole('button', { name: '下一步' }).click();

  // The review opens at its top, showing the count as typed.
  await expect(page.getByText('limits-journey', { exact: true })).toBeVisible();
  expect(await page.evaluate<number>('window.scrollY')).toBe(0);
  await expect(page.getByRole('row', { name: /节点数\s*3/ })).toBeVisible();

  // Cancel leaves the wizard without creating anything.
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByText('limits-journey')).toHaveCount(0);
});
