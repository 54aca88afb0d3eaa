import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

const question = '数据库test_db中有条sql语句select * from t1 where id = 10000;请帮我进行一下索引推荐';

test('an administrator asks DBMind for index advice and sees the recommendation table', async ({ page }) => {
  test.setTimeout(240_000);
  await logIn(page, '/clusters');

  // `npm start` creates the demo cluster; it becomes available and DBMind gives it test_db.
  await expect(async () => {
    await page.reload();
    // The list is virtual: its rows are not table rows, so find the one holding the cluster's link.
    const row = page.locator('.ant-table-row', {
      has: page.getByRole('link', { name: 'demo-cluster', exact: true }),
    });
    await expect(row).toContainText('可用', { timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000] });

  await page.getByRole('menuitem', { name: '智能运维' }).click();
  await expect(page).toHaveURL(/\/chat$/);

  // Until test_db exists the tool says so; ask again in a new conversation until it answers with advice.
  await expect(async () => {
    await page.getByRole('button', { name: '新建对话' }).click();
    await page.getByRole('button', { name: question }).click();
    const answer = page.getByTestId('answer').last();
    await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(answer.getByRole('columnheader', { name: '索引描述' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [3_000] });

  const answer = page.getByTestId('answer').last();
  await expect(
    answer.getByRole('cell', { name: /CREATE INDEX idx_t1_id ON public\.t1\(id\);/ }),
  ).toBeVisible();
  await expect(answer.getByRole('cell', { name: /^\d+\.\d\dMB$/ })).toBeVisible();
  await expect(answer.getByRole('cell', { name: /^\d+\.\d\d%$/ })).toBeVisible();
  // The progress steps were shown as a checklist, each in the past tense once done.
  await expect(answer.getByText('已调用工具')).toBeVisible();

  // The conversation survives a reload.
  await page.reload();
  await expect(
    page.getByTestId('answer').last().getByRole('columnheader', { name: '索引描述' }),
  ).toBeVisible();
});
