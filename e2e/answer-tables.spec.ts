import { expect, logIn, test } from './support.ts';

const answerId = '0d5c7a4e-6b1f-4c8e-9a57-3f2d1e0b9c8a';
// collect_stat_activity_workloads' table, with a statement of the length reporting tools send.
const statement = `SELECT ${Array.from({ length: 120 }, (_, i) => `t1.column_${i}`).join(', ')} FROM t1 WHERE id = 42`;
const workloads = {
  type: 'table',
  content: {
    headers: [
      'user_name',
      'db_name',
      'application_name',
      'client_addr',
      'state',
      'start_time',
      'duration',
      'wait_event',
      'query',
    ],
    rows: [
      [
        'dbadmin',
        'test_db',
        'psql',
        '127.0.0.1',
        'active',
        '2026-12-07 06:00:00',
        '00:00:12',
        'ClientRead',
        statement,
      ],
    ],
  },
};

test('at 1024 px, a table of long statements in the assistant panel scrolls sideways and its answer stays short', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await logIn(page, '/');
  // DBMind's answer is handed to the browser: the question is one of layout, not of which statements run now.
  await page.route('**/api/dbmind/intelligent-interaction', (route) =>
    route.fulfill({
      status: 202,
      json: { answer_id: answerId, events: `/api/dbmind/answers/${answerId}/events` },
    }),
  );
  await page.route(`**/api/dbmind/answers/${answerId}/events**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/event-stream' },
      body:
        `id: 1\ndata: ${JSON.stringify({ data: [{ type: 'str', content: '检测到1条sql. ' }, workloads], success: true })}\n\n` +
        'id: 2\nevent: end\ndata: {}\n\n',
    }),
  );
  await page.getByRole('button', { name: '智能助手' }).click();
  const panel = page.getByTestId('assistant-panel');
  await panel.getByLabel('描述问题，例如：当前有哪些告警').fill('当前正在执行哪些SQL');
  await panel.getByRole('button', { name: /发\s*送/ }).click();
  const answer = panel.getByTestId('answer').last();
  await expect(answer.getByRole('columnheader', { name: 'SQL' })).toBeVisible();

  // The statement does not stretch its row down the panel: the whole answer fits in the window.
  expect((await answer.boundingBox())!.height).toBeLessThan(800);
  // The table is as wide as its columns need and scrolls inside the answer, which stays within the panel.
  const scroller = answer.locator('.ant-table-content');
  const overflow = await scroller.evaluate(
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('node', 'return node.scrollWidth - node.clientWidth') as (node: unknown) => number,
  );
  expect(overflow).toBeGreaterThan(0);
  const panelBox = (await panel.boundingBox())!;
  const answerBox = (await answer.boundingBox())!;
  expect(answerBox.x + answerBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width + 1);
});
