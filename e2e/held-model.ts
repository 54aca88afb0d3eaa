import http from 'node:http';
import { expect, type Page } from '@playwright/test';
import { heldModelPort } from './ports.ts';
import { callApi, logIn } from './support.ts';

/** The model the emulated DBMind offers while a journey serves it (besides its built-in router). */
export const heldModelName = 'e2e-held-model';

/** One chat completion DBMind asked for, held until the journey answers it. */
export interface HeldCall {
  body: unknown;
  /** Answers with a call of `tool` (DBMind then runs that tool). */
  release(tool: string): void;
  /** Settles when DBMind gave up waiting: it hung up before the answer. */
  abandoned: Promise<void>;
}

/**
 * An OpenAI-compatible endpoint (`GET /v1/models`, `POST /v1/chat/completions`) that holds each completion
 * until the journey releases it: an answer that stays mid-stream exactly as long as a journey needs, with
 * nothing timed, and only for the journeys that choose this model.
 */
export interface HeldModel {
  /** The next call not handed out yet, now or when it arrives. */
  nextCall(): Promise<HeldCall>;
  calls: HeldCall[];
  close(): Promise<void>;
}

export async function startHeldModel(): Promise<HeldModel> {
  const calls: HeldCall[] = [];
  // Calls are handed out in the order they arrive, whether the journey asks before or after.
  const waiting: ((call: HeldCall) => void)[] = [];
  let handedOut = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: heldModelName, object: 'model' }] }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const abandoned = new Promise<void>((resolve) =>
        res.once('close', () => {
          if (!res.writableEnded) resolve();
        }),
      );
      const call: HeldCall = {
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        abandoned,
        release(tool) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [
                {
                  index: 0,
                  message: {
                    role: 'assistant',
                    content: null,
                    tool_calls: [
                      { id: 'call_1', type: 'function', function: { name: tool, arguments: '{}' } },
                    ],
                  },
                  finish_reason: 'tool_calls',
                },
              ],
            }),
          );
        },
      };
      calls.push(call);
      waiting.shift()?.(call);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(heldModelPort, '127.0.0.1', resolve);
  });
  return {
    calls,
    nextCall() {
      const arrived = calls[handedOut];
      handedOut += 1;
      return arrived ? Promise.resolve(arrived) : new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Logs in as the viewer, starts a conversation that uses the held model and asks a question: the answer
 * stops at its first step, 工具匹配中… (DBMind's 工具匹配中...), until the journey releases the model's call.
 */
export async function askTheHeldModel(page: Page, model: HeldModel) {
  // The chat page's own list of models, as the page loads after log-in.
  const listed = page.waitForResponse(
    (response) => response.request().method() === 'GET' && response.url().endsWith('/api/dbmind/llms'),
  );
  // DBMind remembers a user's last model choice as that user's default for new conversations: the viewer
  // chooses the held model here, so the administrator's journeys keep the built-in one.
  await logIn(page, '/chat', 'viewer', 'Viewer@12345');
  // DBMind lists the model once its probe of the endpoint succeeds (a stale "not answering" lasts seconds):
  // when the page's list came too early, ask DBMind until it lists the model, and load the page again.
  if (!(await (await listed).text()).includes(heldModelName)) {
    await expect
      .poll(async () => (await callApi(page, 'GET', '/api/dbmind/llms')).text(), { timeout: 30_000 })
      .toContain(heldModelName);
    await page.reload();
  }
  await page.getByRole('button', { name: '新建对话' }).click();
  await page.getByRole('combobox', { name: '模型' }).click();
  await page.locator('.ant-select-item-option', { hasText: heldModelName }).click();
  // DBMind accepted the choice for this conversation: the selector shows it.
  await expect(page.locator('#root').getByTitle(heldModelName, { exact: true })).toBeVisible();

  const asked = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith('/api/dbmind/intelligent-interaction'),
  );
  await page.getByRole('button', { name: '查询当前的TOP SQL', exact: true }).click();
  const answerId = ((await (await asked).json()) as { answer_id: string }).answer_id;
  const call = await model.nextCall();
  const answer = page.getByTestId('answer').last();
  await expect(answer.getByText('工具匹配中…', { exact: true })).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  return { call, answer, answerId };
}
