import { expect, logIn, registeredDemoCluster, test } from './support.ts';

test('at 1024 px the chat scrolls its turns, not the page: the box stays pinned, a new answer comes into view, finished steps say so, and "jump to latest" brings a reader back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await logIn(page, '/chat');
  await registeredDemoCluster(page);

  // Two clicks on 新建对话 open one empty conversation, not two.
  const listed = page.getByTestId('conversation');
  await page.getByRole('button', { name: '新建对话' }).click();
  await expect(listed.first()).toBeVisible();
  const before = await listed.count();
  await page.getByRole('button', { name: '新建对话' }).click();
  await page.getByRole('button', { name: '新建对话' }).click();
  await expect(listed).toHaveCount(before);

  const box = page.getByLabel('描述问题，例如：当前有哪些告警');
  const answers = page.getByTestId('answer');
  for (let i = 1; i <= 3; i++) {
    await box.fill(`当前有哪些数据库？${i}`);
    await page.getByRole('button', { name: /发\s*送/ }).click();
    await expect(answers).toHaveCount(i);
    await expect(answers.last()).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    // The answer that just ended is on screen, and so is the box to ask the next question.
    await expect(answers.last().getByRole('button', { name: /重\s*试/ })).toBeInViewport();
    await expect(box).toBeInViewport();
  }
  // A step that is over says it is done.
  await expect(answers.last().getByText('已匹配工具')).toBeVisible();
  await expect(page.getByText('工具匹配中…')).toHaveCount(0);

  // The turns scroll inside their view; the page itself does not.
  const scroller = page.getByTestId('conversation-scroll');
  expect(
    await page.evaluate<boolean>(
      "(({ scrollHeight, clientHeight }) => scrollHeight > clientHeight)(document.querySelector('[data-testid=conversation-scroll]'))",
    ),
  ).toBe(true);
  expect(
    await page.evaluate<boolean>(
      'document.documentElement.scrollHeight <= document.documentElement.clientHeight',
    ),
  ).toBe(true);

  // A reader who scrolled up is offered the way back to the latest answer.
  await scroller.hover();
  await page.mouse.wheel(0, -5000);
  await expect(answers.last().getByRole('button', { name: /重\s*试/ })).not.toBeInViewport();
  await page.getByRole('button', { name: '跳到最新' }).click();
  await expect(answers.last().getByRole('button', { name: /重\s*试/ })).toBeInViewport();
  await expect(page.getByRole('button', { name: '跳到最新' })).toHaveCount(0);
});
