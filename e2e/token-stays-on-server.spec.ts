import { expect, test, type Response } from '@playwright/test';
import { logIn } from './support.ts';

/** IAM tokens (the emulator's and Huawei Cloud's alike) are long base64 strings that begin with MII. */
const iamToken = /MII[A-Za-z0-9_+/=-]{40,}/;

test('no answer the browser receives over a whole journey holds the IAM token', async ({ page }) => {
  const seen: { url: string; headers: string; body: string }[] = [];
  const reads: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    reads.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        // Bodies of redirects and of streams cut off by navigation cannot be read; their headers still count.
        const body = await response.text().catch(() => '');
        seen.push({ url: response.url(), headers, body });
      })(),
    );
  });

  await logIn(page, '/clusters');
  const demo = page.getByRole('link', { name: 'demo-cluster', exact: true });
  await expect(demo).toBeVisible();
  await demo.click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]+$/);
  await page.getByRole('menuitem', { name: '快照' }).click();
  await expect(page).toHaveURL(/\/snapshots$/);
  await page.getByRole('menuitem', { name: '节点规格' }).click();
  await expect(page).toHaveURL(/\/node-types$/);
  await page.getByRole('menuitem', { name: '智能运维' }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await page.getByRole('button', { name: '新建对话' }).click();
  await page.getByRole('button', { name: '当前有哪些告警' }).click();
  await expect(page.getByTestId('answer').last()).toHaveAttribute('data-status', /done|failed/);
  const during = await page.context().storageState();
  expect(during.cookies.map((c) => c.name)).toEqual(['__Host-dws-session']);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await Promise.all(reads);
  const api = seen.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
  expect(api.map((r) => new URL(r.url).pathname)).toEqual(
    expect.arrayContaining(['/api/session', '/api/dws/clusters', '/api/dws/node-types']),
  );
  for (const response of seen) {
    expect(response.headers, response.url).not.toMatch(iamToken);
    expect(response.body, response.url).not.toMatch(iamToken);
  }
  // Cookies and local storage of every origin the browser kept.
  const after = await page.context().storageState();
  expect(after.cookies).toEqual([]);
  expect(JSON.stringify([during, after])).not.toMatch(iamToken);
});
