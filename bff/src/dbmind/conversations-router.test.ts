import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  conversationLimits,
  conversationListSchema,
  conversationSchema,
  conversationSummarySchema,
  dbmindMaxQuestionLength,
  localRouterModelName,
} from '@dws-console/shared';
import { startHarness, type Harness } from '../testing/harness.ts';

/** The conversation routes against the real emulator, with two users of one project. */

vi.setConfig({ hookTimeout: 120_000, testTimeout: 60_000 });

const csrfJson = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
let harness: Harness;
let admin: string;
let viewer: string;

function call(cookie: string, path: string, method = 'GET', body?: unknown) {
  return harness.request(`/api/dbmind/conversations${path}`, {
    method,
    cookie,
    headers: csrfJson,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function create(cookie: string, title: string): Promise<string> {
  const response = await call(cookie, '', 'POST', { title });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function expectError(response: Awaited<ReturnType<typeof call>>, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error_code: string; error_msg: string };
  expect(body.error_msg).toMatch(message);
}

const turn = (question: string) => ({
  question,
  mode: 'tool_interaction',
  answer: { status: 'done', last_event_id: 1, progress: [], elements: [{ type: 'str', content: question }] },
});

/** An online model besides DBMind's local one: an OpenAI-compatible endpoint that lists it and answers nothing else. */
const onlineModel = 'tuned-sql-model';
let modelEndpoint: Server;

beforeAll(async () => {
  modelEndpoint = createServer((req, res) => {
    const isList = req.method === 'GET' && req.url === '/v1/models';
    res.writeHead(isList ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(isList ? { object: 'list', data: [{ id: onlineModel, object: 'model' }] } : {}));
  });
  await new Promise<void>((resolve) => modelEndpoint.listen(0, '127.0.0.1', resolve));
  const { port } = modelEndpoint.address() as AddressInfo;
  harness = await startHarness(
    {},
    { emulatorEnv: { EMULATOR_DBMIND_LLM_BASE_URL: `http://127.0.0.1:${port}/v1` } },
  );
  admin = await harness.logIn('admin', 'Admin@12345');
  viewer = await harness.logIn('viewer', 'Viewer@12345');
});

afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => modelEndpoint?.close(resolve));
});

describe('conversations', () => {
  it('are created, listed, renamed, appended to and deleted by their user', async () => {
    const id = await create(admin, 'admin-secret-plans');
    const appended = await call(admin, `/${id}/turns`, 'POST', turn('当前有哪些数据库？'));
    expect(appended.status).toBe(201);
    const { id: turnId } = (await appended.json()) as { id: string };
    const answered = await call(admin, `/${id}/turns/${turnId}`, 'PUT', {
      answer: { status: 'stopped', last_event_id: 3, progress: ['工具匹配中...'], elements: [] },
    });
    expect(answered.status).toBe(200);
    expect((await call(admin, `/${id}`, 'PATCH', { title: 'renamed plans' })).status).toBe(200);

    const list = conversationListSchema.parse(await (await call(admin, '')).json());
    expect(list.conversations[0]).toMatchObject({ id, title: 'renamed plans', turn_count: 1 });
    const full = conversationSchema.parse(await (await call(admin, `/${id}`)).json());
    expect(full.turns).toMatchObject([
      { question: '当前有哪些数据库？', answer: { status: 'stopped', progress: ['工具匹配中...'] } },
    ]);

    expect((await call(admin, `/${id}`, 'DELETE')).status).toBe(204);
    expect((await call(admin, `/${id}`)).status).toBe(404);
  });

  it("never shows one user another's conversations", async () => {
    const id = await create(admin, 'admin-only-title');
    await call(admin, `/${id}/turns`, 'POST', turn('admin-only-question'));

    const listed = await (await call(viewer, '')).text();
    expect(listed).not.toContain('admin-only');
    // By id, the viewer is told it does not exist, and cannot change or delete it.
    await expectError(await call(viewer, `/${id}`), 404, /conversation_id: no such conversation/);
    await expectError(await call(viewer, `/${id}`, 'PATCH', { title: 'x' }), 404, /no such conversation/);
    await expectError(await call(viewer, `/${id}/turns`, 'POST', turn('x')), 404, /no such/);
    await expectError(await call(viewer, `/${id}`, 'DELETE'), 404, /no such conversation/);

    const own = await (await call(admin, `/${id}`)).text();
    expect(own).toContain('admin-only-title');
    expect(own).toContain('admin-only-question');
  });

  it('refuses what is out of bounds, naming the field and the rule', async () => {
    await expectError(
      await call(admin, '', 'POST', { title: 'x'.repeat(conversationLimits.titleLength + 1) }),
      400,
      new RegExp(`^title: must be at most ${conversationLimits.titleLength} characters`),
    );
    await expectError(
      await call(admin, '', 'POST', { title: 'a', extra: 1 }),
      400,
      /^\(body\): Unrecognized key: "extra"$/,
    );
    const id = await create(admin, 'bounds');
    await expectError(
      await call(admin, `/${id}/turns`, 'POST', turn('q'.repeat(dbmindMaxQuestionLength + 1))),
      400,
      new RegExp(`^question: must be at most ${dbmindMaxQuestionLength} characters`),
    );
    await expectError(
      await call(admin, `/${id}`, 'PATCH', { history_len: 4 }),
      400,
      /^history_len: must be 1, 2 or 3/,
    );
    for (let i = 0; i < conversationLimits.turns; i += 1) {
      expect((await call(admin, `/${id}/turns`, 'POST', turn(`q${i}`))).status).toBe(201);
    }
    await expectError(
      await call(admin, `/${id}/turns`, 'POST', turn('one more')),
      409,
      new RegExp(`^turns: a conversation holds at most ${conversationLimits.turns} turns`),
    );
  });

  it('stay in the project they were kept in, and need the right to ask there (decision 026)', async () => {
    const id = await create(admin, 'project-one-plans');
    expect((await call(admin, `/${id}/turns`, 'POST', turn('project-one-question'))).status).toBe(201);
    // The same user in the other project: neither listed nor readable nor writable there.
    const elsewhere = await harness.logIn('admin', 'Admin@12345', 'ae-ad-2');
    expect(await (await call(elsewhere, '')).text()).not.toContain('project-one');
    await expectError(await call(elsewhere, `/${id}`), 404, /no such conversation/);
    await expectError(await call(elsewhere, `/${id}/turns`, 'POST', turn('x')), 404, /no such conversation/);
    expect(await (await call(admin, `/${id}`)).text()).toContain('project-one-question');

    // A token whose roles no longer grant asking (IAM took the role away): nothing kept is shown.
    harness.setIam(async (credentials) => {
      const token = await harness.iam(credentials);
      return token && { ...token, roles: [] };
    });
    try {
      const withoutRights = await harness.logIn('admin', 'Admin@12345');
      await expectError(
        await call(withoutRights, ''),
        403,
        /need the IAM action dws:openAPICluster:getDetail/,
      );
      await expectError(await call(withoutRights, `/${id}`), 403, /in project ae-ad-1/);
    } finally {
      harness.setIam(harness.iam);
    }
  });

  it('start with the model their user chose last in the project, else DBMind’s default, and DBMind is told', async () => {
    const started = async (cookie: string, title: string) => {
      const response = await call(cookie, '', 'POST', { title });
      expect(response.status).toBe(201);
      return conversationSummarySchema.parse(await response.json());
    };
    const choose = async (cookie: string, id: string, name: string) => {
      const answer = await harness.request('/api/dbmind/llms', {
        method: 'PUT',
        cookie,
        headers: csrfJson,
        body: JSON.stringify({ name, session_id: id }),
      });
      return ((await answer.json()) as { data: unknown }).data;
    };
    const first = await started(admin, 'model-first');
    expect(first.model).toBe(localRouterModelName);
    // Chosen as the chat page chooses it: DBMind first, then the conversation.
    expect(await choose(admin, first.id, onlineModel)).toBe(true);
    expect((await call(admin, `/${first.id}`, 'PATCH', { model: onlineModel })).status).toBe(200);

    const next = await started(admin, 'model-next');
    expect(next.model).toBe(onlineModel);
    expect(conversationSchema.parse(await (await call(admin, `/${next.id}`)).json()).model).toBe(onlineModel);
    // Another user's choice, or the same user's in another project, is not theirs: DBMind's own fallback to the
    // user's last choice anywhere is overruled by pinning the default.
    expect((await started(viewer, 'model-viewer')).model).toBe(localRouterModelName);
    const elsewhere = await harness.logIn('admin', 'Admin@12345', 'ae-ad-2');
    expect((await started(elsewhere, 'model-elsewhere')).model).toBe(localRouterModelName);

    // A model DBMind does not offer is not promised: the default is pinned instead.
    expect((await call(admin, `/${next.id}`, 'PATCH', { model: 'retired-model' })).status).toBe(200);
    expect((await started(admin, 'model-after-retired')).model).toBe(localRouterModelName);
  });

  it('answers 401 without a session', async () => {
    const response = await harness.request('/api/dbmind/conversations', { headers: csrfJson });
    expect(response.status).toBe(401);
  });
});
