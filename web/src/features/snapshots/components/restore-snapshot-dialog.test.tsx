// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClusterInfo, Snapshot } from '@dws-console/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { RestoreSnapshotDialog, type ZoneFieldProps } from './restore-snapshot-dialog.tsx';

const snapshot: Snapshot = {
  id: '4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90',
  name: 'snap-before-upgrade',
  status: 'AVAILABLE',
  cluster_id: '7d85f602-a948-4a30-afd4-e84f47471c15',
};

const source: ClusterInfo = {
  id: '7d85f602-a948-4a30-afd4-e84f47471c15',
  name: 'dws-demo',
  status: 'AVAILABLE',
  node_type: 'dws.m3.xlarge',
  port: 8100,
  availability_zone: 'ae-ad-1',
  vpc_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574',
  subnet_id: '374eca02-cfc4-4de7-8ab5-dbebf7d9a720',
  security_group_id: 'dc3ec145-9029-4b39-b5a3-ace5a01f772b',
  public_ip: { public_bind_type: 'auto_assign', eip_id: '0a5b2d7e-9eb7-4b2a-98f3-3c8843ea3574' },
  enterprise_project_id: 'aca4e50a-266f-4786-827c-f8d6cc3fbada',
};

/** The zone slot: the zones of the source's node type, as the node-types feature lists them. */
function ZoneSelect({ id, value, onChange, nodeType }: ZoneFieldProps) {
  return (
    <select id={id} aria-label="zone" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)}>
      <option value="">-</option>
      {nodeType === 'dws.m3.xlarge' && <option value="ae-ad-1">ae-ad-1</option>}
    </select>
  );
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(Response.json({ cluster: { id: 'new-cluster-id' } }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const valueOf = (label: string) => screen.getByLabelText<HTMLInputElement>(label).value;

const fill = (label: string, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};

// getByRole walks antd's whole tree on every call, far too slow in jsdom: buttons are found by their text.
const click = async (text: RegExp) => {
  const button = screen.getAllByText(text).at(-1)?.closest('button');
  if (!button) throw new Error(`no button ${String(text)}`);
  fireEvent.click(button);
  await new Promise((resolve) => setTimeout(resolve, 0));
};

const shownRequest = () => {
  const [line = '', json = ''] = (screen.getByTestId('api-request').textContent ?? '').split('\n\n');
  return { line, body: JSON.parse(json) as unknown };
};

const sentRequest = () => {
  const [url, init] = fetchMock.mock.calls[0] ?? [];
  return { url, body: JSON.parse(typeof init?.body === 'string' ? init.body : 'null') as unknown };
};

describe('RestoreSnapshotDialog', () => {
  it(
    "starts from the source cluster's settings, reviews them and sends the request it shows",
    { timeout: 90_000 },
    async () => {
      const onRestored = vi.fn();
      renderWithProviders(
        <RestoreSnapshotDialog
          snapshot={snapshot}
          source={source}
          zoneField={ZoneSelect}
          onClose={() => undefined}
          onRestored={onRestored}
        />,
      );
      expect(valueOf('端口')).toBe('8100');
      expect(valueOf('zone')).toBe('ae-ad-1');
      expect(valueOf('虚拟私有云')).toBe(source.vpc_id);
      expect(valueOf('子网')).toBe(source.subnet_id);
      expect(valueOf('安全组')).toBe(source.security_group_id);
      expect(valueOf('企业项目')).toBe(source.enterprise_project_id);
      // The source's EIP stays with it: the copy gets a new one.
      expect(screen.getByLabelText<HTMLInputElement>('自动分配').checked).toBe(true);

      fill('新集群名称', 'x');
      fill('子网', 'not-a-uuid');
      fireEvent.click(screen.getByText('使用已有弹性 IP'));
      await screen.findByLabelText('弹性 IP 的 ID');
      await click(/^下一步$/);
      expect(
        await screen.findByText('长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线'),
      ).toBeTruthy();
      expect(await screen.findByText('必须是 UUID，例如 d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec')).toBeTruthy();
      expect(await screen.findByText('绑定已有弹性 IP 时必须是弹性 IP 的 UUID')).toBeTruthy();
      expect(screen.queryByTestId('api-request')).toBeNull();

      fill('新集群名称', 'dws-copy');
      // Left empty, the subnet is left to the service, which keeps the source's.
      fill('子网', '');
      fill('弹性 IP 的 ID', 'e1b2c3d4-9eb7-4b2a-98f3-3c8843ea3574');
      await click(/^下一步$/);
      expect(await screen.findByTestId('api-request')).toBeTruthy();
      expect(screen.getByText('同源集群')).toBeTruthy();
      expect(screen.getByText('使用已有弹性 IP: e1b2c3d4-9eb7-4b2a-98f3-3c8843ea3574')).toBeTruthy();

      const shown = shownRequest();
      expect(shown.line).toBe(`POST /v1.0/{project_id}/snapshots/${snapshot.id}/actions`);
      expect(shown.body).toEqual({
        restore: {
          name: 'dws-copy',
          security_group_id: source.security_group_id,
          vpc_id: source.vpc_id,
          availability_zone: 'ae-ad-1',
          port: 8100,
          public_ip: { public_bind_type: 'bind_existing', eip_id: 'e1b2c3d4-9eb7-4b2a-98f3-3c8843ea3574' },
        },
        enterprise_project_id: source.enterprise_project_id,
      });

      await click(/^恢\s*复$/);
      await waitFor(() => expect(onRestored).toHaveBeenCalledWith('new-cluster-id'));
      const sent = sentRequest();
      expect(sent.url).toBe(`/api/dws/snapshots/${snapshot.id}/actions`);
      expect(sent.body).toEqual(shown.body);
    },
  );

  it('asks for the name only when the source cluster is gone', { timeout: 60_000 }, async () => {
    renderWithProviders(
      <RestoreSnapshotDialog
        snapshot={snapshot}
        source={undefined}
        zoneField={ZoneSelect}
        onClose={() => undefined}
        onRestored={() => undefined}
      />,
    );
    expect(valueOf('端口')).toBe('');
    fill('新集群名称', 'dws-copy');
    await click(/^下一步$/);
    expect(await screen.findByTestId('api-request')).toBeTruthy();
    expect(shownRequest().body).toEqual({
      restore: { name: 'dws-copy', public_ip: { public_bind_type: 'not_use' } },
    });
    // Going back keeps what was typed.
    await click(/^上一步$/);
    expect(valueOf('新集群名称')).toBe('dws-copy');
  });
});
