import { readFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { expect, test, type Page } from '@playwright/test';
import { askTheHeldModel, startHeldModel, type HeldModel } from './held-model.ts';
import { balancerPort, consoleProcessPorts } from './ports.ts';
import { person, providerCookies, signOnFrom, ssoLink } from './sso.ts';
import { logIn } from './support.ts';

// Written by `npm start -- --processes 3` (see playwright.multi-process.config.ts).
const runDir = '.data/e2e-multi-process/run';
const processUrl = (port: number) => `https://localhost:${port}`;

let model: HeldModel;

test.beforeEach(async () => {
  model = await startHeldModel();
});

test.afterEach(async () => {
  await model?.close();
});

/** The console process (its index) that runs DBMind's answer right now, by its own metrics. */
async function processRunningTheAnswer(page: Page): Promise<number> {
  let running = -1;
  await expect(async () => {
    const counts = await Promise.all(
      consoleProcessPorts.map(async (port) => {
        const metrics = await (await page.request.get(`${processUrl(port)}/metrics`)).text();
        return Number(/^bff_running_answers (\d+)$/m.exec(metrics)?.[1] ?? 0);
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    running = counts.indexOf(1);
  }).toPass({ timeout: 15_000 });
  return running;
}

test('a session made through one console process serves the lists of every other one', async ({ page }) => {
  await logIn(page, '/clusters');
  await expect(page.getByRole('table').first()).toBeVisible();
  // The browser's cookie, straight to each process behind nginx: each knows the session from Redis.
  for (const port of consoleProcessPorts) {
    const response = await page.request.get(`${processUrl(port)}/api/dws/clusters`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(response.status(), `console process on ${port}`).toBe(200);
    expect(await response.json()).toHaveProperty('clusters');
  }
});

/** Sends `request` to nginx and then nothing more, and returns what nginx answers until it hangs up. */
async function sendAndStall(request: string): Promise<string> {
  const ca = await readFile('.data/e2e-multi-process/pki/ca.crt');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: balancerPort, ca, servername: 'localhost' }, () =>
      socket.write(request),
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('nginx never relays the metrics, and cuts off a client that stops sending its body', async ({
  page,
}) => {
  for (const spelling of ['/metrics', '//metrics', '/METRICS', '/%6detrics', '/x/../metrics']) {
    const relayed = await page.request.get(`https://localhost:${balancerPort}${spelling}`, {
      maxRedirects: 0,
    });
    expect(relayed.status(), spelling).toBe(404);
    expect(await relayed.text()).not.toContain('bff_');
  }
  // Each process still answers its scraper on this machine.
  expect((await page.request.get(`${processUrl(consoleProcessPorts[0]!)}/metrics`)).status()).toBe(200);

  const stalled = await sendAndStall(
    'POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      'X-Requested-With: XMLHttpRequest\r\nContent-Length: 200\r\n\r\n{"domain":',
  );
  expect(stalled).toMatch(/^$|^HTTP\/1\.1 408 /);
});

test('an answer started through one console process is resumed through another', async ({ page }) => {
  const { call, answer, answerId } = await askTheHeldModel(page, model);
  const runner = await processRunningTheAnswer(page);
  const other = consoleProcessPorts[(runner + 1) % consoleProcessPorts.length]!;

  // Another process picks the answer up where the browser left it, from the first event on.
  const resumed = page.request.get(`${processUrl(other)}/api/dbmind/answers/${answerId}/events`, {
    headers: { Accept: 'text/event-stream', 'Last-Event-ID': '0' },
    timeout: 60_000,
  });
  call.release('get_top_sqls');
  const stream = await (await resumed).text();
  expect(stream).toContain('工具匹配中...');
  expect(stream).toContain('工具调用中...');
  expect(stream).toMatch(/event: end\n/);
  await expect(answer).toHaveAttribute('data-status', 'done');
  expect(model.calls).toHaveLength(1);
});

test('when the console process running an answer dies, the browser learns it within 10 s and may ask again, once', async ({
  page,
}) => {
  const { answer } = await askTheHeldModel(page, model);
  const runner = await processRunningTheAnswer(page);
  const pid = Number(await readFile(`${runDir}/console-${runner + 1}.pid`, 'utf8'));

  process.kill(pid, 'SIGKILL');
  // The runner's lease in Redis runs out; a process still alive ends the answer for the browser.
  await expect(answer).toHaveAttribute('data-status', 'failed', { timeout: 10_000 });
  await expect(
    answer.getByText('The console process running this answer stopped', { exact: false }),
  ).toBeVisible();
  // The console did not send the question again on its own.
  expect(model.calls).toHaveLength(1);

  await answer.getByRole('button', { name: /重\s*试/ }).click();
  const retried = await model.nextCall();
  expect(model.calls).toHaveLength(2);
  retried.release('get_top_sqls');
  await expect(page.getByTestId('answer').last()).toHaveAttribute('data-status', 'done');
});

test('the identity provider’s back-channel log-out ends the person’s sessions on every console process', async ({
  page,
  browser,
}) => {
  const alice = person('console-admins');
  await signOnFrom(page, '/login', alice);
  await expect(page.getByText(alice.username, { exact: true })).toBeVisible();

  // Another browser of the same person, signed in by the same provider session without a form (single sign-on).
  const other = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: processUrl(balancerPort) });
  await other.addCookies(await providerCookies(page.context()));
  const otherPage = await other.newPage();
  await otherPage.goto('/login');
  await ssoLink(otherPage).click();
  await expect(otherPage.getByText(alice.username, { exact: true })).toBeVisible();
  const sessionAt = (port: number) => other.request.get(`${processUrl(port)}/api/session`);
  for (const port of consoleProcessPorts)
    expect((await sessionAt(port)).status(), `process on ${port}`).toBe(200);

  // The first browser logs out, at the console and then at the provider, which tells the console by back-channel.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);

  for (const port of consoleProcessPorts) {
    await expect
      .poll(async () => (await sessionAt(port)).status(), { message: `process on ${port}` })
      .toBe(401);
  }
  await other.close();
});
