import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ClusterInfo } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { StatusBadge, useTaskLabel } from '../../../components/status-badge.tsx';
import { Surface } from '../../../components/surface.tsx';
import { useClustersQuery } from '../api/get-clusters.ts';
import { listRefetchInterval } from '../api/is-transitional.ts';
import { useClustersT } from '../messages.ts';

const distinct = (values: (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort().map((v) => ({ text: v, value: v }));

const byText = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '');

export function ClustersPage() {
  const t = useClustersT();
  const taskLabel = useTaskLabel();
  const navigate = useNavigate();
  const clusters = useClustersQuery();
  const [search, setSearch] = useState('');
  // Typing stays responsive with 10,000 rows: filtering follows the input at a lower priority.
  const deferredSearch = useDeferredValue(search.trim().toLowerCase());

  const all = clusters.data?.clusters;
  const rows = useMemo(
    () => (deferredSearch ? all?.filter((c) => c.name.toLowerCase().includes(deferredSearch)) : all),
    [all, deferredSearch],
  );
  const filters = useMemo(
    () => ({
      status: distinct(all?.map((c) => c.status) ?? []),
      task: distinct(all?.map((c) => c.task_status) ?? []).map((f) => ({ ...f, text: taskLabel(f.value) })),
      nodeType: distinct(all?.map((c) => c.node_type) ?? []),
    }),
    // taskLabel changes with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [all, t],
  );
  const isAutoRefreshing = listRefetchInterval(all) !== false;

  const columns: ColumnsType<ClusterInfo> = [
    {
      title: t('col.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, cluster) => <Link to={`/clusters/${cluster.id}`}>{name}</Link>,
    },
    {
      title: t('col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 190,
      filters: filters.status,
      onFilter: (value, cluster) => cluster.status === value,
      sorter: (a, b) => a.status.localeCompare(b.status),
      render: (status: string, cluster) => (
        <StatusBadge status={status} actionProgress={cluster.action_progress} />
      ),
    },
    {
      title: t('col.task'),
      dataIndex: 'task_status',
      key: 'task',
      width: 140,
      filters: filters.task,
      onFilter: (value, cluster) => cluster.task_status === value,
      render: (task: string | null | undefined) => taskLabel(task),
    },
    {
      title: t('col.nodeType'),
      dataIndex: 'node_type',
      key: 'nodeType',
      width: 160,
      filters: filters.nodeType,
      onFilter: (value, cluster) => cluster.node_type === value,
      sorter: (a, b) => byText(a.node_type, b.node_type),
    },
    {
      title: t('col.nodes'),
      dataIndex: 'number_of_node',
      key: 'nodes',
      width: 90,
      sorter: (a, b) => (a.number_of_node ?? 0) - (b.number_of_node ?? 0),
    },
    {
      title: t('col.version'),
      dataIndex: 'version',
      key: 'version',
      width: 110,
      sorter: (a, b) => byText(a.version, b.version),
    },
    {
      title: t('col.endpoint'),
      key: 'endpoint',
      width: 200,
      render: (_, cluster) => cluster.endpoints?.[0]?.connect_info,
    },
    {
      title: t('col.created'),
      dataIndex: 'created',
      key: 'created',
      width: 190,
      defaultSortOrder: 'descend',
      sorter: (a, b) => byText(a.created, b.created),
      render: (created?: string) => (created ? new Date(created).toLocaleString() : ''),
    },
  ];

  const isEmpty = clusters.isSuccess && all?.length === 0;

  return (
    <Surface>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('search')}
            aria-label={t('search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 240 }}
          />
          {isAutoRefreshing && <Tag color="processing">{t('autoRefresh')}</Tag>}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void clusters.refetch()}
            loading={clusters.isFetching}
          >
            {t('refresh')}
          </Button>
          <PermissionButton
            action="cluster.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/clusters/new')}
          >
            {t('create')}
          </PermissionButton>
        </Space>
      </Flex>
      {clusters.error && <ApiErrorAlert error={clusters.error} style={{ marginBottom: 16 }} />}
      {isEmpty ? (
        <Empty description={t('empty')} style={{ padding: 48 }}>
          <Typography.Paragraph type="secondary">{t('emptyHint')}</Typography.Paragraph>
          <PermissionButton
            action="cluster.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/clusters/new')}
          >
            {t('createFirst')}
          </PermissionButton>
        </Empty>
      ) : (
        <Table<ClusterInfo>
          rowKey="id"
          virtual
          columns={columns}
          dataSource={rows}
          loading={clusters.isPending}
          scroll={{ x: 1280, y: 560 }}
          locale={{ emptyText: <Empty description={t('noMatch')} /> }}
          pagination={{
            defaultPageSize: 50,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 500, 1000],
            showTotal: (count) => t('total', { count }),
          }}
        />
      )}
    </Surface>
  );
}
