// The floor for the console's paint times: one antd Table of the same clusters, fetched from the same BFF
// with nothing else (no router, no query cache, no schema, no shell). The bench serves it from a BFF of its own.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Table } from 'antd';

interface Cluster {
  id: string;
  name: string;
  status: string;
  task_status?: string;
  node_type: string;
  number_of_node: number;
  version: string;
  created: string;
}

const columns = [
  { title: '名称', dataIndex: 'name' },
  { title: '状态', dataIndex: 'status' },
  { title: '任务', dataIndex: 'task_status' },
  { title: '节点规格', dataIndex: 'node_type' },
  { title: '节点数', dataIndex: 'number_of_node' },
  { title: '版本', dataIndex: 'version' },
  { title: '创建时间', dataIndex: 'created' },
];

function Clusters() {
  const [clusters, setClusters] = useState<Cluster[]>();
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/dws/clusters', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ clusters: Cluster[] }>)
      .then((list) => setClusters(list.clusters))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return (
    <Table
      rowKey="id"
      columns={columns}
      dataSource={clusters ?? []}
      loading={!clusters}
      virtual
      scroll={{ y: 600 }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Clusters />
  </StrictMode>,
);
