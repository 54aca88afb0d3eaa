// @vitest-environment jsdom
import { useMutation } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Trace, TraceListResponse } from '@dws-console/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRequest } from '../../../lib/api-client.ts';
import { otherProjectScope, renderWithProviders } from '../../../testing/render.tsx';
import { OperationsLogPage } from './operations-log-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function trace(n: number): Trace {
  return {
    trace_id: id(n),
    trace_name: 'restartCluster',
    trace_rating: n === 1 ? 'warning' : 'normal',
    trace_type: n === 1 ? 'ApiCall' : 'ConsoleAction',
    service_type: 'DWS',
    resource_type: 'cluster',
    resource_id: 'cl-orders',
    resource_name: 'orders',
    request: '{"restart":{}}',
    response: n === 1 ? '{"error_code":"DWS.5036"}' : '{}',
    code: n === 1 ? '403' : '200',
    api_version: 'v1.0',
    time: Date.UTC(2026, 11, 7) - n * 60_000,
    record_time: 0,
    request_id: `r${n}`,
    source_ip: '10.0.0.1',
    user: { id: 'u', name: n === 1 ? 'viewer' : 'admin', domain: { id: 'd', name: 'demo' } },
  };
}

/** `/api/traces` as the BFF answers it: `answer` gets the query the page sent. */
function stubTraces(answer: (query: URLSearchParams) => { status: number; body: unknown }) {
  const queries: URLSearchParams[] = [];
  vi.stubGlobal('fetch', (input: string) => {
    const url = new URL(input, 'https://console.test');
    expect(url.pathname).toBe('/api/traces');
    queries.push(url.searchParams);
    const { status, body } = answer(url.searchParams);
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  });
  return queries;
}

const rows = () => [...document.querySelectorAll<HTMLElement>('tbody tr.ant-table-row')];

describe('the operations log page', () => {
  it('pages through next and shows a trace’s request and answer', async () => {
    const pages: Record<string, TraceListResponse> = {
      first: {
        traces: Array.from({ length: 20 }, (_, i) => trace(i + 1)),
        meta_data: { count: 20, marker: id(20) },
      },
      [id(20)]: { traces: [trace(21)], meta_data: { count: 1, marker: null } },
    };
    const queries = stubTraces((query) => ({ status: 200, body: pages[query.get('next') ?? 'first'] }));
    renderWithProviders(<OperationsLogPage />);
    await waitFor(() => expect(rows()).toHaveLength(20));
    fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    await waitFor(() => expect(rows()).toHaveLength(21));
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
    expect(queries[1]?.get('next')).toBe(id(20));
    // The second page continues the first one's range rather than one that slid with the clock.
    expect(queries[1]?.get('to')).toBe(queries[0]?.get('to'));

    const refused = rows()[0]!;
    expect(refused.textContent).toContain('viewer');
    expect(refused.textContent).toContain('警告');
    expect(within(refused).getByRole('link', { name: 'orders' }).getAttribute('href')).toBe(
      '/clusters/cl-orders',
    );
    fireEvent.click(within(refused).getByRole('button', { name: '详情' }));
    const response = await screen.findByLabelText('响应摘要');
    expect(response.textContent).toContain('"error_code": "DWS.5036"');
    expect(screen.getByLabelText('请求摘要').textContent).toContain('"restart"');
  });

  it('tells a user without cts:trace:list, instead of failing', async () => {
    stubTraces(() => ({
      status: 403,
      body: { error_code: 'CONSOLE.0403', error_msg: 'not yours' },
    }));
    renderWithProviders(<OperationsLogPage />);
    expect(await screen.findByText('你没有查看操作日志的权限')).toBeTruthy();
    expect(screen.getByText(/cts:trace:list/)).toBeTruthy();
  });

  it('shows the trace of a write the console makes while the log is open', async () => {
    // Only the clock is set by hand, so that the restart comes a minute after the log was opened.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 7, 9));
    const recorded = [trace(2)];
    const queries: URLSearchParams[] = [];
    // CTS as the BFF relays it: the traces within the asked range, newest first; a restart is recorded.
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      const url = new URL(input, 'https://console.test');
      if (init?.method === 'POST') {
        const { user } = trace(3);
        recorded.push({ ...trace(3), time: Date.now(), user: { ...user, name: 'operator' } });
        return Promise.resolve(new Response('{}', { status: 200 }));
      }
      queries.push(url.searchParams);
      const [from, to] = ['from', 'to'].map((name) => Number(url.searchParams.get(name)));
      const traces = recorded.filter((t) => t.time >= from! && t.time <= to!).sort((a, b) => b.time - a.time);
      const body: TraceListResponse = { traces, meta_data: { count: traces.length, marker: null } };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    });
    function RestartButton() {
      const restart = useMutation({
        mutationFn: () =>
          apiRequest('/api/dws/clusters/cl-orders/restart', { method: 'POST', body: { restart: {} } }),
      });
      return <button onClick={() => restart.mutate()}>restart orders</button>;
    }
    renderWithProviders(
      <>
        <OperationsLogPage />
        <RestartButton />
      </>,
    );
    await waitFor(() => expect(rows()).toHaveLength(1));

    vi.setSystemTime(Date.UTC(2026, 11, 7, 9, 1));
    fireEvent.click(screen.getByRole('button', { name: 'restart orders' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]?.textContent).toContain('operator');
    expect(Number(queries.at(-1)?.get('to'))).toBe(Date.UTC(2026, 11, 7, 9, 1));
  });

  it('never shows one project’s traces under another’s name after a switch', async () => {
    let answerOtherProject: (body: TraceListResponse) => void = () => undefined;
    vi.stubGlobal('fetch', (_input: string, init?: RequestInit) => {
      const project = new Headers(init?.headers).get('X-Console-Project');
      if (project !== otherProjectScope.project.id) {
        const body: TraceListResponse = { traces: [trace(2)], meta_data: { count: 1, marker: null } };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
      }
      return new Promise<Response>((resolve) => {
        answerOtherProject = (body) => resolve(new Response(JSON.stringify(body), { status: 200 }));
      });
    });
    const { showScope } = renderWithProviders(<OperationsLogPage />);
    await waitFor(() => expect(rows()).toHaveLength(1));

    showScope(otherProjectScope);
    await waitFor(() => expect(rows()).toHaveLength(0));
    answerOtherProject({
      traces: [{ ...trace(3), resource_name: 'elsewhere' }],
      meta_data: { count: 1, marker: null },
    });
    await waitFor(() => expect(rows()[0]?.textContent).toContain('elsewhere'));
  });
});
