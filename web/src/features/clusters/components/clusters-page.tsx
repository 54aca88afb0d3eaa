import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ClusterInfo } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useClustersQuery } from '../api/get-clusters.ts';

const statusColors: Record<string, 'success' | 'processing' | 'error' | 'default' | 'warning'> = {
  AVAILABLE: 'success',
  ACTIVE: 'success',
  CREATING: 'processing',
  UNAVAILABLE: 'error',
  'CREATION FAILED': 'error',
  CREATE_FAILED: 'error',
  FAILED: 'error',
};

export function ClustersPage() {
  const { t } = useI18n();
  const clusters = useClustersQuery();

  const columns: ColumnsType<ClusterInfo> = [
    { title: t('clusters.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('clusters.col.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: string) => <Badge status={statusColors[status] ?? 'default'} text={status} />,
    },
    { title: t('clusters.col.task'), dataIndex: 'task_status', key: 'task' },
    { title: t('clusters.col.nodeType'), dataIndex: 'node_type', key: 'nodeType' },
    { title: t('clusters.col.nodes'), dataIndex: 'number_of_node', key: 'nodes' },
    { title: t('clusters.col.version'), dataIndex: 'version', key: 'version' },
    {
      title: t('clusters.col.endpoint'),
      key: 'endpoint',
      render: (_, cluster) => cluster.endpoints?.[0]?.connect_info,
    },
    { title: t('clusters.col.created'), dataIndex: 'created', key: 'created' },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('clusters.title')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void clusters.refetch()}
          loading={clusters.isFetching}
        >
          {t('clusters.refresh')}
        </Button>
      </Space>
      {clusters.error && (
        <Alert type="error" showIcon message={clusters.error.message} style={{ marginBottom: 16 }} />
      )}
      <Table<ClusterInfo>
        rowKey="id"
        columns={columns}
        dataSource={clusters.data?.clusters}
        loading={clusters.isPending}
        locale={{ emptyText: <Empty description={t('clusters.empty')} /> }}
        pagination={{ pageSize: 20, showSizeChanger: true }}
      />
    </Card>
  );
}
