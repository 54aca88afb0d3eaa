import { expect, type Page } from '@playwright/test';
import { callApi, logIn, Scratch, test } from './support.ts';

interface Named {
  name: string;
}

async function namesOf(page: Page, path: string, key: 'clusters' | 'snapshots'): Promise<string[]> {
  const response = await callApi(page, 'GET', path);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<typeof key, Named[]>;
  return body[key].map((item) => item.name).sort();
}

/** The project the header names. */
const headerProject = (page: Page) => page.locator('header .ant-select');

/**
 * Watches the page from now on: whenever the DOM changes, the header's project and the names on the page are
 * compared, and every moment a name of one project is shown under the other's is recorded.
 */
async function watchForStrayNames(page: Page, names: Record<string, string[]>) {
  // The page's own code, as text: this package is not compiled against the DOM.
  await page.evaluate(`(() => {
    const byProject = ${JSON.stringify(names)};
    const seen = (window.strayNames = []);
    const check = () => {
      const shown = document.querySelector('header .ant-select')?.textContent ?? '';
      const main = ['main', '.assistant-drawer']
        .map((selector) => document.querySelector(selector)?.textContent ?? '')
        .join(' ');
      for (const [project, projectNames] of Object.entries(byProject)) {
        if (project === shown) continue;
        for (const name of projectNames) if (main.includes(name)) seen.push(name + ' under ' + shown);
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

const strayNames = (page: Page) => page.evaluate<string[]>('window.strayNames');

async function switchTo(page: Page, project: string) {
  await headerProject(page).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: project }).click();
  await expect(headerProject(page)).toHaveText(project);
}

/** The clusters page lists exactly what the API answers for the session's project now. */
async function clustersMatchApi(page: Page) {
  await page.getByRole('menuitem', { name: '集群' }).click();
  const names = await namesOf(page, '/api/dws/clusters', 'clusters');
  // The first page of either list holds 20 rows.
  for (const name of names.slice(0, 20)) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.locator('.ant-table-row')).toHaveCount(Math.min(names.length, 20));
  return names;
}

async function snapshotsMatchApi(page: Page) {
  await page.getByRole('menuitem', { name: '快照' }).click();
  const names = await namesOf(page, '/api/dws/snapshots', 'snapshots');
  // The first page of either list holds 20 rows.
  for (const name of names.slice(0, 20)) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.locator('.ant-table-row')).toHaveCount(Math.min(names.length, 20));
}

/** The node types page lists the node types the API answers for the project, in one table without pages. */
async function nodeTypesMatchApi(page: Page) {
  await page.getByRole('menuitem', { name: '节点规格' }).click();
  const response = await callApi(page, 'GET', '/api/dws/node-types');
  const { node_types: nodeTypes } = (await response.json()) as { node_types: { id: string }[] };
  const rows = page.locator('.ant-table-row');
  await expect(rows).toHaveCount(nodeTypes.length);
  const shown: (string | null)[] = [];
  for (const row of await rows.all()) shown.push(await row.getAttribute('data-row-key'));
  expect(shown.sort()).toEqual(nodeTypes.map((n) => n.id).sort());
}

async function overviewMatchesApi(page: Page, clusters: string[]) {
  await page.getByRole('menuitem', { name: '总览' }).click();
  await expect(page.getByText(`共 ${clusters.length} 个集群`)).toBeVisible();
}

test('a project switch shows the new project’s clusters, snapshots, node types and overview at once, never the old project’s under the new name', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  // ae-ad-2 gets a cluster and a snapshot of its own, made from a session of its own.
  const setup = await browser.newContext();
  const setupPage = await setup.newPage();
  await setupPage.goto('/clusters');
  await setupPage.getByLabel('IAM 用户名').fill('admin');
  await setupPage.getByLabel('密码').fill('Admin@12345');
  await setupPage.getByLabel('项目').fill('ae-ad-2');
  await setupPage.getByLabel('项目').press('Escape');
  await setupPage.getByRole('button', { name: /登\s*录/ }).click();
  await expect(setupPage).toHaveURL(/\/clusters$/);
  const scratch = new Scratch(setupPage);
  try {
    const other = await scratch.cluster();
    const otherSnapshot = await scratch.snapshot(other.id);

    await logIn(page, '/clusters');
    await expect(headerProject(page)).toHaveText('ae-ad-1');
    const first = await clustersMatchApi(page);
    expect(first).not.toContain(other.name);
    const secondNames = await namesOf(setupPage, '/api/dws/clusters', 'clusters');
    const byProject = {
      'ae-ad-1': first.filter((name) => !secondNames.includes(name)),
      'ae-ad-2': [other.name, otherSnapshot.name],
    };
    await watchForStrayNames(page, byProject);

    // On the clusters page, into ae-ad-2: its own cluster, and then its snapshots and overview.
    await switchTo(page, 'ae-ad-2');
    const inSecond = await clustersMatchApi(page);
    expect(inSecond).toContain(other.name);
    await page.screenshot({ path: testInfo.outputPath('switched-clusters.png'), fullPage: true });
    await snapshotsMatchApi(page);
    await expect(page.getByRole('link', { name: otherSnapshot.name, exact: true })).toBeVisible();
    await overviewMatchesApi(page, inSecond);
    await nodeTypesMatchApi(page);
    await page.getByRole('menuitem', { name: '智能运维' }).click();
    await expect(page).toHaveURL(/\/chat$/);

    // Back to ae-ad-1 from the snapshots page: its lists come back without a refresh.
    await page.getByRole('menuitem', { name: '快照' }).click();
    await switchTo(page, 'ae-ad-1');
    await snapshotsMatchApi(page);
    await expect(page.getByRole('link', { name: otherSnapshot.name, exact: true })).toBeHidden();
    expect(await clustersMatchApi(page)).toEqual(first);
    await overviewMatchesApi(page, first);
    await nodeTypesMatchApi(page);

    // Again on the clusters page itself, where the old list was seen to stay.
    await page.getByRole('menuitem', { name: '集群' }).click();
    await switchTo(page, 'ae-ad-2');
    expect(await clustersMatchApi(page)).toEqual(inSecond);

    expect(await strayNames(page)).toEqual([]);

    // A second window of the same browser shares the session: when the first moves it back to ae-ad-1, the second
    // follows at its next call instead of drawing ae-ad-1's clusters under ae-ad-2's name.
    const second = await page.context().newPage();
    await second.goto('/clusters');
    await expect(headerProject(second)).toHaveText('ae-ad-2');
    await expect(second.getByRole('link', { name: other.name, exact: true })).toBeVisible();
    await watchForStrayNames(second, byProject);
    await switchTo(page, 'ae-ad-1');
    await second.getByRole('button', { name: /刷\s*新/ }).click();
    await expect(headerProject(second)).toHaveText('ae-ad-1');
    expect(await clustersMatchApi(second)).toEqual(first);
    expect(await strayNames(second)).toEqual([]);
    await second.close();

    // On a cluster's page with the assistant beside it: after the switch neither the page nor the panel is about
    // the old project's cluster.
    const clusters = (await (await callApi(page, 'GET', '/api/dws/clusters')).json()) as {
      clusters: { id: string; name: string }[];
    };
    const own = clusters.clusters.find((c) => !secondNames.includes(c.name));
    expect(own, 'ae-ad-1 has a cluster of its own (the demo cluster)').toBeDefined();
    await page.goto(`/clusters/${own!.id}`);
    await page.getByRole('button', { name: '智能助手' }).click();
    const panel = page.getByTestId('assistant-panel');
    await expect(panel).toContainText(`关于集群 ${own!.name}`);
    await watchForStrayNames(page, byProject);
    await switchTo(page, 'ae-ad-2');
    await expect(page.getByRole('main')).toContainText('集群不存在');
    await expect(panel).toContainText('通用问题');
    expect(await strayNames(page)).toEqual([]);
  } finally {
    await scratch.removeAll();
    await setup.close();
  }
});
