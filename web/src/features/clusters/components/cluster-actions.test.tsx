// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClusterDetail } from '@dws-console/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, viewerScope } from '../../../testing/render.tsx';
import { ClusterActions } from './cluster-actions.tsx';

const cluster = {
  id: '7d85f602-a948-4a30-afd4-e84f47471c15',
  name: 'dws-demo',
  status: 'AVAILABLE',
  user_name: 'dbadmin',
  number_of_node: 3,
} as ClusterDetail;

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(new Response(null, { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// getByRole walks antd's whole tree on every call, far too slow in jsdom: buttons are found by their text.
const button = (text: RegExp, index = 0) => {
  const found = screen.getAllByText(text)[index]?.closest('button');
  if (!found) throw new Error(`no button ${String(text)}`);
  return found;
};

/** The JSON the component sent: the api-client always sends a string body. */
const sentBody = (init: RequestInit | undefined): unknown =>
  JSON.parse(typeof init?.body === 'string' ? init.body : 'null');

const change = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('ClusterActions', () => {
  it('are off before any click for a read-only user, each saying which right is missing', () => {
    renderWithProviders(
      <ClusterActions cluster={cluster} onSnapshot={() => undefined} />,
      'zh-CN',
      viewerScope,
    );
    const rights: [RegExp, string][] = [
      [/^重\s*启$/, '重启集群'],
      [/^扩\s*容$/, '扩容集群'],
      [/^重置密码$/, '重置集群密码'],
      [/^创建快照$/, '创建快照'],
      [/^删\s*除$/, '删除集群'],
    ];
    for (const [label, right] of rights) {
      const found = button(label);
      expect(found.disabled).toBe(true);
      expect(found.getAttribute('aria-description')).toBe(
        `无权限：你在项目 ae-ad-1 中没有“${right}”的权限。请联系管理员授予 DWS FullAccess或DWS Administrator。`,
      );
    }
    fireEvent.click(button(/^重\s*启$/));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('say the missing right in English in the English console', () => {
    renderWithProviders(<ClusterActions cluster={cluster} />, 'en', viewerScope);
    expect(button(/^Scale out$/).getAttribute('aria-description')).toBe(
      'No permission: you may not scale out clusters in project ae-ad-1. Ask your administrator for DWS FullAccess or DWS Administrator.',
    );
  });

  it('scales out only by a whole number of 1 or more, and sends the count', { timeout: 60_000 }, async () => {
    renderWithProviders(<ClusterActions cluster={cluster} />);
    fireEvent.click(button(/^扩\s*容$/));
    expect(await screen.findByText('当前 3 个节点')).toBeTruthy();

    change('增加的节点数', '');
    fireEvent.click(button(/^扩\s*容$/, 1));
    expect(await screen.findByText('必须是大于等于 1 的整数')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    change('增加的节点数', '2');
    fireEvent.click(button(/^扩\s*容$/, 1));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`/api/dws/clusters/${cluster.id}/resize`);
    expect(sentBody(init)).toEqual({ scale_out: { count: 2 } });
  });

  it(
    'resets the password only when it follows the rules and the confirmation matches',
    { timeout: 60_000 },
    async () => {
      renderWithProviders(<ClusterActions cluster={cluster} />, 'en');
      fireEvent.click(button(/^Reset password$/));
      expect(await screen.findByText('Reset the administrator password of dws-demo')).toBeTruthy();

      change('New password', 'rennuf');
      change('Confirm the new password', 'rennuf');
      fireEvent.click(button(/^Reset password$/, 1));
      // The live checklist and the field's error in English, both from the shared rules.
      expect(await screen.findByText('must be 8-32 characters')).toBeTruthy();
      expect(screen.getByText('8-32 characters')).toBeTruthy();
      expect(fetchMock).not.toHaveBeenCalled();

      change('New password', 'Harbor#Light-2077');
      change('Confirm the new password', 'Harbor#Light-2078');
      fireEvent.click(button(/^Reset password$/, 1));
      expect(await screen.findByText('The passwords do not match')).toBeTruthy();
      expect(fetchMock).not.toHaveBeenCalled();

      change('Confirm the new password', 'Harbor#Light-2077');
      fireEvent.click(button(/^Reset password$/, 1));
      await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
      const [url, init] = fetchMock.mock.calls[0] ?? [];
      expect(url).toBe(`/api/dws/clusters/${cluster.id}/reset-password`);
      expect(sentBody(init)).toEqual({ new_password: 'Harbor#Light-2077' });
    },
  );

  it(
    'deletes only once the name is typed, keeping the chosen number of snapshots',
    { timeout: 60_000 },
    async () => {
      renderWithProviders(<ClusterActions cluster={cluster} />);
      fireEvent.click(button(/^删\s*除$/));
      const confirm = button(/^删\s*除$/, 1);
      expect(confirm.disabled).toBe(true);

      change('保留最近的手动快照数', '2');
      change('请输入 dws-demo 以确认', 'dws-dem');
      expect(await screen.findByText('输入的名称不一致')).toBeTruthy();
      expect(confirm.disabled).toBe(true);

      change('请输入 dws-demo 以确认', 'dws-demo');
      await waitFor(() => expect(confirm.disabled).toBe(false));
      fireEvent.click(confirm);
      await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
      const [url, init] = fetchMock.mock.calls[0] ?? [];
      expect(url).toBe(`/api/dws/clusters/${cluster.id}`);
      expect(init?.method).toBe('DELETE');
      expect(sentBody(init)).toEqual({ keep_last_manual_snapshot: 2 });
    },
  );

  describe('knows the state of the cluster', () => {
    const cases = [
      {
        locale: 'zh-CN',
        labels: [/^重\s*启$/, /^扩\s*容$/, /^重置密码$/, /^创建快照$/, /^删\s*除$/],
        creating: '集群状态为“创建中”时不能执行此操作',
        rebooting: '集群正在执行“重启中”，完成后才能操作',
      },
      {
        locale: 'en',
        labels: [/^Restart$/, /^Scale out$/, /^Reset password$/, /^Create snapshot$/, /^Delete$/],
        creating: 'Not possible while the cluster is Creating',
        rebooting: 'The cluster is busy (Restarting); try again when it has finished',
      },
    ] as const;

    for (const { locale, labels, creating, rebooting } of cases) {
      it(`disables every action of a creating or busy cluster and says why, in ${locale}`, async () => {
        const creatingCluster = { ...cluster, status: 'CREATING', action_progress: { CREATING: '10%' } };
        const view = renderWithProviders(
          <ClusterActions cluster={creatingCluster} onSnapshot={() => undefined} />,
          locale,
        );
        for (const label of labels) {
          const found = button(label);
          expect(found.disabled).toBe(true);
          expect(found.getAttribute('aria-description')).toBe(creating);
        }
        fireEvent.mouseEnter(button(labels[0]));
        fireEvent.pointerEnter(button(labels[0]));
        expect(await screen.findByText(creating)).toBeTruthy();
        view.unmount();

        renderWithProviders(
          <ClusterActions cluster={{ ...cluster, task_status: 'REBOOTING' }} onSnapshot={() => undefined} />,
          locale,
        );
        for (const label of labels) {
          expect(button(label).disabled).toBe(true);
          expect(button(label).getAttribute('aria-description')).toBe(rebooting);
        }
        expect(fetchMock).not.toHaveBeenCalled();
      });
    }

    it('enables only restart and delete for an unavailable cluster', () => {
      renderWithProviders(
        <ClusterActions cluster={{ ...cluster, status: 'UNAVAILABLE' }} onSnapshot={() => undefined} />,
        'en',
      );
      const enabled = ['Restart', 'Scale out', 'Reset password', 'Create snapshot', 'Delete'].filter(
        (label) => !button(new RegExp(`^${label}$`)).disabled,
      );
      expect(enabled).toEqual(['Restart', 'Delete']);
    });

    it('offers the other actions of a list row under More, disabled with the reason', async () => {
      renderWithProviders(
        <ClusterActions
          cluster={{ ...cluster, status: 'CREATING' }}
          layout="row"
          onSnapshot={() => undefined}
        />,
        'en',
      );
      expect(button(/^Restart$/).disabled).toBe(true);
      fireEvent.click(button(/^More$/));
      const item = (await screen.findByText('Scale out')).closest('li');
      expect(item?.getAttribute('aria-disabled')).toBe('true');
      expect(screen.getAllByText('Delete')[0]?.getAttribute('aria-description')).toBe(
        'Not possible while the cluster is Creating',
      );
    });

    it('lets the snapshot action open the dialog given by the page', async () => {
      const onSnapshot = vi.fn();
      renderWithProviders(<ClusterActions cluster={cluster} layout="row" onSnapshot={onSnapshot} />, 'en');
      fireEvent.click(button(/^More$/));
      fireEvent.click(await screen.findByText('Create snapshot'));
      expect(onSnapshot).toHaveBeenCalledWith(cluster);
    });
  });
});
