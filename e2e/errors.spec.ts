import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support.ts';

const missing = '00000000-0000-4000-8000-000000000000';

// Evaluated in the page: the journeys are typed for Node, which has no `navigator.clipboard`.
const readClipboard = (page: Page) => page.evaluate<string>('navigator.clipboard.readText()');

test('a failed call shows its code, its message in the user language and a request id that can be copied', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await logIn(page, '/clusters');

  const failed = page.waitForResponse((r) => r.url().endsWith(`/api/dws/clusters/${missing}`));
  await page.goto(`/clusters/${missing}`);
  const response = await failed;
  expect(response.status()).toBe(404);
  const requestId = response.headers()['x-request-id'] ?? '';
  expect(requestId).toMatch(/^[A-Za-z0-9-]{8,64}$/);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('集群不存在。');
  await expect(alert).toContainText('错误码: DWS.0047');
  await expect(alert).toContainText('请求 ID');
  await expect(alert.getByTestId('request-id')).toHaveText(requestId);
  await alert.getByRole('button', { name: '复制' }).click();
  await expect.poll(() => readClipboard(page)).toBe(requestId);
  await page.screenshot({ path: testInfo.outputPath('cluster-not-found.png') });

  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`/snapshots/${missing}`);
  await expect(alert).toContainText('The snapshot does not exist.');
  await expect(alert).toContainText('Error code: DWS.5111');
  await expect(alert).toContainText('Request ID');
  await expect(alert.getByTestId('request-id')).toHaveText(/^[A-Za-z0-9-]{8,64}$/);
  await alert.getByRole('button', { name: 'Copy' }).click();
  const copied = await alert.getByTestId('request-id').textContent();
  await expect.poll(() => readClipboard(page)).toBe(copied);
  await page.screenshot({ path: testInfo.outputPath('snapshot-not-found-en.png') });
});
