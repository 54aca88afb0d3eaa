import type { Page, TestInfo } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, logIn, test } from './support.ts';

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** The document and the clusters table fit the window: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const overflowing = await page.evaluate<string[]>(
    "[document.documentElement, ...document.querySelectorAll('.ant-table-content, .ant-table-body')].filter((e) => e.scrollWidth > e.clientWidth).map((e) => `${e.className || e.tagName} by ${e.scrollWidth - e.clientWidth} px`)",
  );
  expect(overflowing).toEqual([]);
}

const settings = [
  { language: 'zh', theme: 'light', width: 1024 },
  { language: 'en', theme: 'dark', width: 1024 },
  { language: 'zh', theme: 'light', width: 1280 },
  { language: 'en', theme: 'dark', width: 1280 },
  { language: 'zh', theme: 'dark', width: 1920 },
  { language: 'en', theme: 'light', width: 1920 },
] as const;

for (const { language, theme, width } of settings) {
  test(`overview and clusters list in ${language}, ${theme}, ${width} px: figures link to the list, rows have operations, nothing scrolls sideways, no serious axe finding`, async ({
    page,
    scratch,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, '/');
    const cluster = await scratch.cluster();
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
    if (theme === 'dark')
      await page.getByRole('button', { name: language === 'en' ? 'Dark theme' : '深色主题' }).click();
    const tag = `${language}-${theme}-${width}`;

    // The overview is the home page: clusters by status, each a link to the filtered list.
    await page.reload();
    await expect(page.getByRole('heading', { name: language === 'en' ? 'Overview' : '总览' })).toBeVisible();
    // The snapshots figure has an "available" count too: this one is the clusters'.
    const available = page
      .getByRole('link', { name: new RegExp(language === 'en' ? '^Available \\d+$' : '^可用 \\d+$') })
      .and(page.locator('[href="/clusters?status=AVAILABLE"]'));
    await expect(available).toBeVisible();
    await expectAccessible(page, `overview ${tag}`);
    await shot(page, testInfo, `overview-${tag}`);

    await available.click();
    await expect(page).toHaveURL(/\/clusters\?status=AVAILABLE$/);
    const row = page.getByRole('row').filter({ hasText: cluster.name });
    await expect(row).toBeVisible();
    await expect(row.getByText(cluster.id)).toBeVisible();
    await expect(row.getByRole('button', { name: language === 'en' ? 'Restart' : /重\s*启/ })).toBeEnabled();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `clusters ${tag}`);
    await shot(page, testInfo, `clusters-${tag}`);

    // Sorting and searching go into the URL and survive a reload.
    await page
      .getByRole('searchbox')
      .or(page.getByLabel(language === 'en' ? 'Search by cluster name' : '按集群名称搜索'))
      .first()
      .fill(cluster.name);
    await expect(page).toHaveURL(new RegExp(`q=${cluster.name}`));
    await page.reload();
    await expect(row).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(2);

    // The More menu of a row, from the keyboard alone.
    const more = row.getByRole('button', {
      name:
        language === 'en' ? `More actions for cluster ${cluster.name}` : `集群 ${cluster.name} 的更多操作`,
    });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('menuitem', { name: language === 'en' ? 'Scale out' : '扩容' }),
    ).toBeVisible();
    await expectAccessible(page, `clusters menu ${tag}`);
    await shot(page, testInfo, `clusters-menu-${tag}`);
    await page.keyboard.press('Escape');
  });
}

test('at 1024 px the side menu is folded to icons and the list is still usable', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await logIn(page, '/clusters');
  const sider = page.locator('.ant-layout-sider');
  await expect(sider).toHaveClass(/ant-layout-sider-collapsed/);
  await expect(page.getByRole('heading', { name: '集群管理' })).toBeVisible();
  await page.getByTitle('总览').click();
  await expect(page).toHaveURL(/\/$/);
  await shot(page, testInfo, 'overview-zh-light-1024');
});

test('an unauthenticated visit paints the static frame, then the log-in page inside it, with no spinner', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.locator('.boot-sider')).toBeVisible();
  await expect(page.getByRole('heading', { name: '登录 DWS 控制台' })).toBeVisible();
  await expect(page.locator('.ant-spin')).toHaveCount(0);
  await expectAccessible(page, 'log-in page');
  await shot(page, testInfo, 'login-zh-light-1280');
});
