// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Conversation } from '@dws-console/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubBff } from '../../../testing/fake-bff.ts';
import { renderWithProviders } from '../../../testing/render.tsx';
import { ChatToolbar } from './chat-toolbar.tsx';

const conversation: Conversation = {
  id: 'c_0123456789abcdef',
  title: '当前有哪些告警',
  mode: 'tool_interaction',
  history_len: 1,
  created_at: 1,
  updated_at: 1,
  turn_count: 0,
  turns: [],
};
const rights = {
  known: true,
  canAsk: true,
  canRegister: true,
  askRefusal: undefined,
  registerRefusal: undefined,
};

/** DBMind knows two instances of the project: one registered as `orders`, one not yet. */
function bff(selectAnswer: boolean) {
  return stubBff({
    'GET /api/dbmind/llms': () => ({ success: true, data: { local: ['local-router'], online: [] } }),
    'GET /api/dbmind/clusters': () => ({
      success: true,
      data: {
        '10.0.0.5:8000': { cluster_name: 'orders', instances: ['10.0.0.5:8000'], managed: true },
        '10.0.0.6:8000': { cluster_name: '', instances: ['10.0.0.6:8000'], managed: false },
      },
    }),
    'PUT /api/dbmind/clusters': () => ({ success: true, data: selectAnswer }),
    [`PATCH /api/dbmind/conversations/${conversation.id}`]: (change) => ({
      ...conversation,
      ...(change as object),
    }),
    'POST /api/dbmind/clusters/register': (body) =>
      (body as { cluster_name: string }).cluster_name === 'taken'
        ? { success: true, data: { status: 1002, msg: 'exists' } }
        : { success: true, data: { status: 0, msg: 'ok' } },
  });
}

/** Opens an antd select by its label and picks the option showing `text`. */
async function choose(label: string, text: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
  const option = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`.ant-select-item-option[title="${text}"]`);
    expect(found).not.toBeNull();
    return found!;
  });
  fireEvent.click(option);
  return option;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the chat toolbar', () => {
  it('shows the model DBMind answers with while the conversation chose none, and the chosen one after', async () => {
    bff(true);
    renderWithProviders(<ChatToolbar conversation={conversation} rights={rights} />);
    const model = screen.getByRole('combobox', { name: '模型' }).closest('.ant-select')!;
    await waitFor(() => expect(within(model as HTMLElement).getByTitle('local-router')).toBeTruthy());
    cleanup();
    renderWithProviders(<ChatToolbar conversation={{ ...conversation, model: 'qwen' }} rights={rights} />);
    const chosen = screen.getByRole('combobox', { name: '模型' }).closest('.ant-select')!;
    await waitFor(() => expect(within(chosen as HTMLElement).getByTitle('qwen')).toBeTruthy());
  });

  it('switches the conversation to a registered cluster once DBMind took it, and offers no unregistered one', async () => {
    const calls = bff(true);
    renderWithProviders(<ChatToolbar conversation={conversation} rights={rights} />);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '监控集群' }));
    await waitFor(() =>
      expect(
        document.querySelector('.ant-select-item-option[title="未注册 (10.0.0.6:8000)"]'),
      ).not.toBeNull(),
    );
    expect(
      document.querySelector('.ant-select-item-option[title="未注册 (10.0.0.6:8000)"]')?.className,
    ).toContain('ant-select-item-option-disabled');
    await choose('监控集群', 'orders (10.0.0.5:8000)');
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ instance: '10.0.0.5:8000' }),
    );
    expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/dbmind/clusters')?.body).toEqual({
      instance: '10.0.0.5:8000',
      session_id: conversation.id,
    });
  });

  it('keeps the conversation as it was when DBMind refuses the cluster, and says so', async () => {
    const calls = bff(false);
    renderWithProviders(<ChatToolbar conversation={conversation} rights={rights} />);
    await choose('监控集群', 'orders (10.0.0.5:8000)');
    expect(await screen.findByText('切换失败，请稍后重试。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT' && c.path === '/api/dbmind/clusters')).toBe(true);
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('registers a cluster through its dialog: field rules first, a taken name on its field, then success', async () => {
    const calls = bff(true);
    renderWithProviders(<ChatToolbar conversation={conversation} rights={rights} />);
    fireEvent.click(screen.getByRole('button', { name: '纳管集群' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('向 DBMind 注册集群')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '注 册' }));
    // Nothing is sent while a field breaks its rule; each says why.
    await waitFor(() => expect(dialog.querySelectorAll('.ant-form-item-explain-error').length).toBe(4));
    expect(calls.some((c) => c.path === '/api/dbmind/clusters/register')).toBe(false);

    const fill = (label: string, value: string) =>
      fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
    fill('集群名称', 'taken');
    fill('端口', '8000');
    fill('数据库用户', 'dbadmin');
    fill('密码', 'Tide-Pool-42');
    fireEvent.click(within(dialog).getByRole('button', { name: '注 册' }));
    expect(await within(dialog).findByText('该集群名已被占用。')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/dbmind/clusters/register')?.body).toEqual({
      cluster_name: 'taken',
      host: '127.0.0.1',
      port: 8000,
      username: 'dbadmin',
      password: 'Tide-Pool-42',
    });

    fill('集群名称', 'orders');
    fireEvent.click(within(dialog).getByRole('button', { name: '注 册' }));
    expect(await screen.findByText('注册成功')).toBeTruthy();
    // The dialog is emptied as it closes, so the password stays nowhere in the page.
    expect(within(dialog).getByLabelText<HTMLInputElement>('密码').value).toBe('');
    expect(calls.filter((c) => c.path === '/api/dbmind/clusters/register')).toHaveLength(2);
  });
});
