// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { AssistantPanel } from './assistant-panel.tsx';

/** The BFF as the panel sees it: canned answers by method and path, every call recorded. */
function fakeBff(registered: boolean) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const state = { registered };
  const answers: Record<string, () => unknown> = {
    'GET /api/dbmind/access': () => ({
      project: { id: 'p1', name: 'ae-ad-1' },
      ask: { allowed: true },
      register: { allowed: true },
      clusters: 2,
    }),
    'GET /api/dbmind/conversations': () => ({ conversations: [] }),
    'GET /api/dbmind/clusters/cl-1/binding': () => ({
      cluster_id: 'cl-1',
      instance: '127.0.0.1:40001',
      registered: state.registered,
    }),
    'POST /api/dbmind/clusters/register': () => {
      state.registered = true;
      return { data: { status: 0, msg: '注册成功' }, success: true };
    },
    'POST /api/dbmind/conversations': () => ({
      id: 'c_0123456789abcdef',
      title: '当前有哪些数据库？',
      cluster_id: 'cl-1',
      mode: 'tool_interaction',
      history_len: 1,
      created_at: 1,
      updated_at: 1,
      turn_count: 0,
    }),
    'POST /api/dbmind/intelligent-interaction': () => ({
      answer_id: '00000000-0000-4000-8000-000000000001',
      events: '/api/dbmind/answers/00000000-0000-4000-8000-000000000001/events',
    }),
    'POST /api/dbmind/conversations/c_0123456789abcdef/turns': () => ({
      id: 't_0123456789abcdef',
      question: '当前有哪些数据库？',
      mode: 'tool_interaction',
      asked_at: 2,
      answer: {
        answer_id: '00000000-0000-4000-8000-000000000001',
        status: 'streaming',
        last_event_id: 0,
        progress: [],
        elements: [],
      },
    }),
  };
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = new URL(input, 'https://console.test').pathname;
    calls.push({ method, path, ...(init.body ? { body: JSON.parse(init.body as string) as unknown } : {}) });
    const answer = answers[`${method} ${path}`];
    return Promise.resolve(
      answer
        ? new Response(JSON.stringify(answer()), { status: method === 'POST' ? 201 : 200 })
        : new Response(JSON.stringify({ error_code: 'CONSOLE.0404', error_msg: 'not here' }), {
            status: 404,
          }),
    );
  });
  return calls;
}

/** EventSource as far as the panel uses it: the test only checks which answer it follows. */
class FakeEventSource {
  static opened: string[] = [];
  static readonly CLOSED = 2;
  readyState = 0;
  onmessage = null;
  onerror = null;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(url);
  }
  addEventListener() {}
  close() {}
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cluster = { id: 'cl-1', name: 'orders', userName: 'dbadmin' };

describe('the assistant panel on a cluster’s page', () => {
  it('offers to register a cluster DBMind does not know, with its administrator, and then asks about it', async () => {
    const calls = fakeBff(false);
    renderWithProviders(<AssistantPanel cluster={cluster} />);
    expect(await screen.findByText('关于集群 orders')).toBeTruthy();
    const user = await screen.findByLabelText('数据库用户');
    expect((user as HTMLInputElement).value).toBe('dbadmin');
    const question = screen.getByLabelText('描述问题，例如：当前有哪些告警');
    expect((question as HTMLTextAreaElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Pass@word1' } });
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    await waitFor(() => expect(screen.queryByTestId('cluster-registration')).toBeNull());
    expect(calls.find((c) => c.path === '/api/dbmind/clusters/register')?.body).toEqual({
      cluster_name: 'orders',
      host: '127.0.0.1',
      port: 40001,
      username: 'dbadmin',
      password: 'Pass@word1',
    });

    // The suggestions fit a cluster's page; one asks about this cluster, by its DWS id.
    for (const suggestion of ['检查实例运行状况', '最近一小时有哪些慢SQL？', '当前有哪些告警']) {
      expect(screen.getByRole('button', { name: suggestion })).toBeTruthy();
    }
    fireEvent.change(question, { target: { value: '当前有哪些数据库？' } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    expect(calls.find((c) => c.path === '/api/dbmind/conversations' && c.method === 'POST')?.body).toEqual({
      title: '当前有哪些数据库？',
      cluster_id: 'cl-1',
    });
    expect(calls.find((c) => c.path === '/api/dbmind/intelligent-interaction')?.body).toMatchObject({
      query: '当前有哪些数据库？',
      session_id: 'c_0123456789abcdef',
      cluster_id: 'cl-1',
    });
    expect(calls.find((c) => c.path.endsWith('/turns'))?.body).toMatchObject({
      question: '当前有哪些数据库？',
      answer: { status: 'streaming', answer_id: '00000000-0000-4000-8000-000000000001' },
    });
    expect(FakeEventSource.opened[0]).toBe('/api/dbmind/answers/00000000-0000-4000-8000-000000000001/events');
    expect(
      await screen.findByText('当前有哪些数据库？', { selector: '[data-testid=conversation-view] *' }),
    ).toBeTruthy();
  });

  it('asks a handed-over alarm once, in fault-diagnosis mode, showing its description', async () => {
    const calls = fakeBff(true);
    const onAsked = vi.fn();
    renderWithProviders(
      <AssistantPanel
        cluster={cluster}
        diagnose={{ query: '{"alarm":1}', shown: '长事务' }}
        onDiagnoseAsked={onAsked}
      />,
    );
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const asked = calls.filter((c) => c.path === '/api/dbmind/intelligent-interaction');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.body).toMatchObject({
      query: '{"alarm":1}',
      mode: 'fault_diagnostic',
      cluster_id: 'cl-1',
    });
    expect(onAsked).toHaveBeenCalledTimes(1);
  });
});

describe('the assistant panel elsewhere', () => {
  it('offers general questions and no registration', async () => {
    const calls = fakeBff(false);
    renderWithProviders(<AssistantPanel />);
    expect(await screen.findByText('通用问题')).toBeTruthy();
    expect(await screen.findByRole('button', { name: '当前有哪些数据库？' })).toBeTruthy();
    expect(screen.queryByTestId('cluster-registration')).toBeNull();
    expect(calls.some((c) => c.path.includes('/binding'))).toBe(false);
  });
});
