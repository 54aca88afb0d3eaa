import type { Locator, Page } from '@playwright/test';
import { callApi, expect, logIn, test } from './support.ts';

/**
 * How many lines an element's text takes on screen: the distinct tops of the boxes of its characters. Written as a
 * string because the journeys are type-checked without the DOM's types; Playwright sends the function's source.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const countLines = new Function(
  'node',
  `const tops = new Set();
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return tops.size;`,
) as (node: unknown) => number;

/** Whether an element's text is shown whole, not cut off by its box. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const fitsWhole = new Function('node', 'return node.scrollWidth <= node.clientWidth') as (
  node: unknown,
) => boolean;

function linesOf(element: Locator): Promise<number> {
  return element.evaluate(countLines);
}

/** Every column header of the page's table whose title takes more than one line. */
async function wrappedHeaders(page: Page): Promise<string[]> {
  const wrapped: string[] = [];
  for (const header of await page
    .locator(
      '.ant-table-thead th .ant-table-column-title, .ant-table-thead th:not(:has(.ant-table-column-title))',
    )
    .all()) {
    const text = (await header.innerText()).trim();
    if (text && (await linesOf(header)) > 1) wrapped.push(text);
  }
  return wrapped;
}

const settings = [
  { language: 'zh', width: 1024 },
  { language: 'en', width: 1024 },
  { language: 'zh', width: 1920 },
  { language: 'en', width: 1920 },
] as const;

for (const { language, width } of settings) {
  test(`at ${width} px in ${language}, table headers and figures keep to one line and the cluster's name stays a link`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await logIn(page, '/clusters');
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
    const { clusters } = (await (await callApi(page, 'GET', '/api/dws/clusters')).json()) as {
      clusters: { id: string; name: string }[];
    };
    const cluster = clusters[0]!;

    const name = page.getByRole('link', { name: cluster.name, exact: true });
    await expect(name).toBeVisible();
    expect(await wrappedHeaders(page)).toEqual([]);
    expect((await page.getByRole('columnheader').first().boundingBox())!.width).toBeGreaterThanOrEqual(150);
    expect(await linesOf(page.getByText(cluster.id, { exact: true }))).toBe(1);
    await name.click();
    await expect(page).toHaveURL(new RegExp(`/clusters/${cluster.id}$`));
    const detailId = page.locator('.ant-descriptions').getByText(cluster.id, { exact: true });
    await expect(detailId).toBeVisible();
    expect(await linesOf(detailId)).toBe(1);

    await page.goto('/node-types');
    const firstId = page.locator('.ant-table-tbody .ant-typography-secondary').first();
    await expect(firstId).toBeVisible();
    expect(await wrappedHeaders(page)).toEqual([]);
    expect(await linesOf(firstId)).toBe(1);
    for (const cell of await page.locator('.ant-table-tbody td').all())
      expect(await linesOf(cell), await cell.innerText()).toBeLessThanOrEqual(2);

    // Ten clusters in one status: the list answered by the API, with its cluster repeated under ten ids. Making
    // ten real clusters would start ten PostgreSQL servers for a question of layout.
    await page.route('**/api/dws/clusters', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { clusters: { id: string }[]; count?: number };
      const ten = Array.from({ length: 10 }, (_, i) => ({
        ...body.clusters[0]!,
        id: `${body.clusters[0]!.id}-${i}`,
      }));
      await route.fulfill({ response, json: { ...body, clusters: ten, count: 10 } });
    });
    await page.goto('/');
    const available = page.locator('a[href="/clusters?status=AVAILABLE"]');
    await expect(available).toContainText('10');
    expect(await linesOf(available)).toBe(1);
  });
}

test('at 1024 px, the chat lists conversation titles at a readable length and shows a longer one whole on hover', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await logIn(page, '/');
  const short = `当前有哪些告警 ${Date.now() % 10_000}`;
  const long = `请帮我看看当前实例上运行时间最长的那些SQL语句并给出优化建议 ${Date.now()}`;
  for (const title of [long, short]) {
    expect((await callApi(page, 'POST', '/api/dbmind/conversations', { title })).ok()).toBe(true);
  }
  await page.goto('/chat');
  const shortTitle = page.getByTestId('conversation').getByText(short, { exact: true });
  await expect(shortTitle).toBeVisible();
  // Shown whole: its text fits the room the list gives it.
  expect(await shortTitle.evaluate(fitsWhole)).toBe(true);
  const longTitle = page.getByTestId('conversation').getByText(long, { exact: true });
  await longTitle.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: long })).toBeVisible();
});

test('below 1280 px the side menu folds to icons, each naming its page in a tooltip; wider, it shows the names', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await logIn(page, '/clusters');
  const snapshots = page
    .locator('.ant-layout-sider .ant-menu-item')
    .filter({ has: page.locator('.anticon-camera') });
  await snapshots.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: '快照' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 800 });
  await expect(snapshots.getByText('快照', { exact: true })).toBeVisible();
});
