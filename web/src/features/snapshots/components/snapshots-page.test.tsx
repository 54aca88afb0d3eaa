// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ClusterInfo, Snapshot } from '@dws-console/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubBff } from '../../../testing/fake-bff.ts';
import { renderWithProviders } from '../../../testing/render.tsx';
import { SnapshotDetailPage } from './snapshot-detail-page.tsx';
import { SnapshotsPage } from './snapshots-page.tsx';

const clusters: ClusterInfo[] = [{ id: 'cl-orders', name: 'orders', status: 'AVAILABLE' }];
const snapshots: Snapshot[] = [
  {
    id: 'sn-old',
    name: 'before-upgrade',
    status: 'AVAILABLE',
    type: 'MANUAL',
    cluster_id: 'cl-orders',
    started: '2026-11-01T10:00:00Z',
    finished: '2026-11-01T10:05:00Z',
    size: 1024,
  },
  {
    id: 'sn-new',
    name: 'nightly-auto',
    status: 'AVAILABLE',
    type: 'AUTO',
    cluster_id: 'cl-orders',
    started: '2026-11-20T02:00:00Z',
    size: 2048,
  },
  { id: 'sn-running', name: 'in-progress', status: 'CREATING', type: 'MANUAL', cluster_id: 'cl-gone' },
];
const noZones = () => null;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The table's data rows, each as its cells' text. */
const rows = () =>
  [...document.querySelectorAll('tbody tr.ant-table-row')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
  );
const rowOf = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('tbody tr.ant-table-row')].find((row) =>
    row.textContent?.includes(name),
  )!;

describe('the snapshots page', () => {
  it("lists the project's snapshots newest first, with their cluster's name, type and what each may do", async () => {
    stubBff({ 'GET /api/dws/snapshots': () => ({ snapshots, count: 3 }) });
    renderWithProviders(
      <SnapshotsPage clusters={clusters} zoneField={noZones} onRestored={() => undefined} />,
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((cells) => cells[0])).toEqual(['nightly-auto', 'before-upgrade', 'in-progress']);
    expect(rows()[0]).toEqual(expect.arrayContaining(['orders', '自动']));
    expect(rows()[1]).toEqual(expect.arrayContaining(['orders', '手动']));
    // A snapshot of a cluster the project no longer has shows the cluster's id.
    expect(rows()[2]).toEqual(expect.arrayContaining(['cl-gone']));
    const button = (name: string, label: RegExp) => within(rowOf(name)).getByRole('button', { name: label });
    // Automated snapshots go with their cluster; one being written cannot be restored yet.
    expect(button('nightly-auto', /删\s*除/)).toHaveProperty('disabled', true);
    expect(button('before-upgrade', /删\s*除/)).toHaveProperty('disabled', false);
    expect(button('in-progress', /恢\s*复/)).toHaveProperty('disabled', true);
    expect(button('before-upgrade', /恢\s*复/)).toHaveProperty('disabled', false);
  });

  it('deletes a manual snapshot only once its name is typed', async () => {
    const calls = stubBff({
      'GET /api/dws/snapshots': () => ({ snapshots, count: 3 }),
      'DELETE /api/dws/snapshots/sn-old': () => ({}),
    });
    renderWithProviders(
      <SnapshotsPage clusters={clusters} zoneField={noZones} onRestored={() => undefined} />,
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rowOf('before-upgrade')).getByRole('button', { name: /删\s*除/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('删除快照 before-upgrade')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: /删\s*除/ });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'before-upgrad' } });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'before-upgrade' } });
    expect(confirm).toHaveProperty('disabled', false);
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(confirm);
    expect(await screen.findByText('快照 before-upgrade 已删除')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/api/dws/snapshots/sn-old',
    ]);
  });

  it("shows the service's refusal with its code when the list cannot be read", async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json(
          { error_code: 'DWS.5036', error_msg: 'You do not have the permission for this operation.' },
          { status: 403 },
        ),
      ),
    );
    renderWithProviders(
      <SnapshotsPage clusters={clusters} zoneField={noZones} onRestored={() => undefined} />,
    );
    expect(await screen.findByText(/DWS\.5036/)).toBeTruthy();
  });
});

describe("a snapshot's page", () => {
  it('shows its fields once, its cluster by name, and the same actions as the list', async () => {
    stubBff({ 'GET /api/dws/snapshots/sn-old': () => ({ snapshot: snapshots[0] }) });
    renderWithProviders(
      <SnapshotDetailPage
        snapshotId="sn-old"
        clusters={clusters}
        zoneField={noZones}
        onRestored={() => undefined}
      />,
    );
    const heading = await screen.findByRole('heading', { name: 'before-upgrade' });
    expect(heading).toBeTruthy();
    const field = (label: string) =>
      [...document.querySelectorAll('.ant-descriptions-item-label')].find(
        (cell) => cell.textContent === label,
      )?.nextElementSibling?.textContent;
    expect(field('集群')).toBe('orders');
    expect(field('类型')).toBe('手动');
    expect(field('状态')).toBe('可用');
    expect(field('描述')).toBe('-');
    expect(field('大小')).not.toBe('-');
    expect(screen.getByRole('link', { name: 'orders' }).getAttribute('href')).toBe('/clusters/cl-orders');
    // Its fields once, with their labels: no table row repeating them.
    expect(screen.getAllByText('before-upgrade')).toHaveLength(1);
    expect(screen.queryByRole('columnheader', { name: '名称' })).toBeNull();
    expect(screen.getByRole('button', { name: /删\s*除/ })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: /恢\s*复/ })).toHaveProperty('disabled', false);
  });
});
