import { expect, test } from '@playwright/test';
import { logIn } from './support.ts';

test('the node types page lists every spec with vCPU, memory and storage', async ({ page }, testInfo) => {
  await logIn(page, '/node-types');
  await expect(page.getByRole('heading', { name: '节点规格' })).toBeVisible();
  // What DWS answers for the session's project (seed table 5-31), through the console as the page asks for it.
  const answer = await page.request.get('/api/dws/node-types');
  expect(answer.status()).toBe(200);
  const { node_types: nodeTypes } = (await answer.json()) as {
    node_types: { spec_name: string; detail: { type: string; value: string }[] }[];
  };
  expect(nodeTypes.length).toBeGreaterThan(1);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(nodeTypes.length);

  const headers = await page.getByRole('columnheader').allTextContents();
  const column = (title: string) => {
    const index = headers.indexOf(title);
    expect(index, `a ${title} column`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const columns = { vcpu: column('vCPU（核）'), memory: column('内存（GB）'), storage: column('存储（GB）') };
  const detail = (nodeType: (typeof nodeTypes)[number], ...types: string[]) =>
    nodeType.detail.find((d) => types.includes(d.type))?.value;
  for (const nodeType of nodeTypes) {
    const row = rows.filter({ has: page.getByText(nodeType.spec_name, { exact: true }) });
    await expect(row, nodeType.spec_name).toHaveCount(1);
    const cells = row.locator('td');
    await expect(cells.nth(columns.vcpu)).toHaveText(detail(nodeType, 'vCPU')!);
    await expect(cells.nth(columns.memory)).toHaveText(detail(nodeType, 'mem')!);
    await expect(cells.nth(columns.storage)).toHaveText(detail(nodeType, 'LOCAL_DISK', 'SSD')!);
  }
  await page.screenshot({ path: testInfo.outputPath('node-types.png'), fullPage: true });
});
