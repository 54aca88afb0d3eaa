import { Badge, Card, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { NodeType } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useNodeTypesQuery } from '../api/get-node-types.ts';
import { nodeTypeSpecs } from '../api/node-type-specs.ts';
import { useNodeTypesT } from '../messages.ts';

const num = (a?: number, b?: number) => (a ?? 0) - (b ?? 0);

export function NodeTypesPage() {
  const t = useNodeTypesT();
  const query = useNodeTypesQuery();
  const columns: ColumnsType<NodeType> = [
    {
      title: t('spec'),
      key: 'spec',
      sorter: (a, b) => a.spec_name.localeCompare(b.spec_name),
      // The id is for support requests: one line under the name, in full on hover, rather than a column of its own.
      render: (_, n) => (
        <>
          <div>{n.spec_name}</div>
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: n.id }}
            style={{ fontSize: 12, maxWidth: 180 }}
          >
            {n.id}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('vcpu'),
      key: 'vcpu',
      sorter: (a, b) => num(nodeTypeSpecs(a).vcpu, nodeTypeSpecs(b).vcpu),
      render: (_, n) => nodeTypeSpecs(n).vcpu ?? '-',
    },
    {
      title: t('memory'),
      key: 'mem',
      sorter: (a, b) => num(nodeTypeSpecs(a).memory, nodeTypeSpecs(b).memory),
      render: (_, n) => nodeTypeSpecs(n).memory ?? '-',
    },
    {
      title: t('storage'),
      key: 'storage',
      sorter: (a, b) => num(nodeTypeSpecs(a).storage, nodeTypeSpecs(b).storage),
      render: (_, n) => nodeTypeSpecs(n).storage ?? '-',
    },
    {
      title: t('storageType'),
      key: 'storageType',
      render: (_, n) => {
        const type = nodeTypeSpecs(n).storageType;
        return type ? t(`storage.${type}`) : '-';
      },
    },
    {
      title: t('zones'),
      key: 'zones',
      render: (_, n) =>
        n.available_zones?.map((z) => (
          // A zone and its state stay on one line: the tag wraps as a whole.
          <Tag key={z.code} color={z.status === 'normal' ? 'success' : 'default'}>
            {z.code}: {z.status === 'normal' ? t('available') : t('soldOut')}
          </Tag>
        )) ?? '-',
    },
    {
      title: t('availability'),
      key: 'availability',
      width: 120,
      filters: [
        { text: t('available'), value: true },
        { text: t('soldOut'), value: false },
      ],
      onFilter: (value, n) => nodeTypeSpecs(n).isAvailable === value,
      render: (_, n) =>
        nodeTypeSpecs(n).isAvailable ? (
          <Badge status="success" text={t('available')} />
        ) : (
          <Badge status="default" text={t('soldOut')} />
        ),
    },
  ];
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
      }
    >
      {query.error && <ApiErrorAlert error={query.error} style={{ marginBottom: 16 }} />}
      <Table<NodeType>
        rowKey="id"
        columns={columns}
        dataSource={query.data}
        loading={query.isPending}
        // A plain text would take the table's pale placeholder grey, below AA.
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        pagination={false}
        // Column headers and figures keep to one line; a narrow window scrolls the table inside its card.
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
