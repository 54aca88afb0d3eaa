import { Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import type { ClusterInfo, Snapshot } from '@dws-console/shared';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSnapshotsT } from '../messages.ts';
import type { ZoneFieldProps } from './restore-snapshot-dialog.tsx';
import { SnapshotActions } from './snapshot-actions.tsx';
import { formatSnapshotSize } from './snapshot-size.ts';

export interface SnapshotsTableProps {
  snapshots: Snapshot[] | undefined;
  isLoading: boolean;
  /** The project's clusters by id, from the clusters feature: their names, and the defaults of a restore. */
  clusters: Map<string, ClusterInfo>;
  /** Hides the cluster column on a cluster's own page. */
  isClusterShown?: boolean;
  zoneField: ComponentType<ZoneFieldProps>;
  onRestored: (clusterId: string) => void;
}

const distinct = (values: (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

export function SnapshotsTable({
  snapshots,
  isLoading,
  clusters,
  isClusterShown = true,
  zoneField,
  onRestored,
}: SnapshotsTableProps) {
  const t = useSnapshotsT();
  const { format } = useI18n();
  const clusterName = (id: string | null | undefined) => (id ? (clusters.get(id)?.name ?? id) : '-');

  const columns: ColumnsType<Snapshot> = [
    {
      title: t('name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, s) => <Link to={`/snapshots/${s.id}`}>{name}</Link>,
    },
    ...(isClusterShown
      ? [
          {
            title: t('cluster'),
            dataIndex: 'cluster_id',
            key: 'cluster',
            filters: distinct(snapshots?.map((s) => s.cluster_id) ?? []).map((id) => ({
              text: clusterName(id),
              value: id,
            })),
            onFilter: (value: unknown, s: Snapshot) => s.cluster_id === value,
            render: (id: string | null | undefined) =>
              id ? <Link to={`/clusters/${id}`}>{clusterName(id)}</Link> : '-',
          },
        ]
      : []),
    {
      title: t('status'),
      dataIndex: 'status',
      key: 'status',
      filters: distinct(snapshots?.map((s) => s.status) ?? []).map((v) => ({ text: v, value: v })),
      onFilter: (value, s) => s.status === value,
      render: (status: string) => <StatusBadge status={status} />,
    },
    {
      title: t('type'),
      dataIndex: 'type',
      key: 'type',
      render: (type: string | null | undefined) =>
        type === 'MANUAL' || type === 'AUTO' ? <Tag>{t(`type.${type}`)}</Tag> : (type ?? '-'),
    },
    {
      title: t('size'),
      dataIndex: 'size',
      key: 'size',
      sorter: (a, b) => (a.size ?? 0) - (b.size ?? 0),
      render: (size: number | null | undefined) => formatSnapshotSize(size, format),
    },
    {
      title: t('started'),
      dataIndex: 'started',
      key: 'started',
      defaultSortOrder: 'descend',
      sorter: (a, b) => (a.started ?? '').localeCompare(b.started ?? ''),
      render: (v?: string | null) => format.dateTime(v),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, s) => (
        <SnapshotActions snapshot={s} clusters={clusters} zoneField={zoneField} onRestored={onRestored} />
      ),
    },
  ];

  return (
    <>
      <Table<Snapshot>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={snapshots}
        loading={isLoading}
        // A plain text would take the table's pale placeholder grey, below AA.
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      />
    </>
  );
}
