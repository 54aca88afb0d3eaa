// A DWS upstream that answers the cluster list with as many generated clusters as asked for. The emulator runs
// one PostgreSQL server per cluster, so it cannot hold the 10,000 clusters the list must stay smooth with.
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import { clusterListResponseSchema, type ClusterInfo } from '@dws-console/shared';

export interface FakeDws {
  url: string;
  close(): Promise<void>;
}

const nodeTypes = ['dws.d2.xlarge', 'dws.m3.2xlarge', 'dws2.olap.4xlarge.i3'];
// No transitional status: the list would poll every few seconds while the bench measures it.
const statuses = ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'UNAVAILABLE', 'FROZEN'];

export function generatedClusters(count: number): ClusterInfo[] {
  const created = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return {
      id: `00000000-0000-4000-8000-0000000${n}`,
      name: `bench-cluster-${n}`,
      status: statuses[i % statuses.length] ?? 'AVAILABLE',
      task_status: null,
      action_progress: null,
      node_type: nodeTypes[i % nodeTypes.length],
      number_of_node: 3 + (i % 30),
      version: '9.1.0.200',
      port: 8000,
      user_name: 'dbadmin',
      availability_zone: 'ae-ad-1',
      endpoints: [
        {
          connect_info: `10.0.${Math.floor(i / 250)}.${i % 250}:8000`,
          jdbc_url: `jdbc:postgresql://10.0.0.1:8000/gaussdb`,
        },
      ],
      public_endpoints: [],
      created: new Date(created + i * 60_000).toISOString(),
      updated: new Date(created + i * 60_000).toISOString(),
      tags: [],
      failed_reasons: null,
    };
  });
}

/** Listens on 127.0.0.1:`port` with the given certificate; any other call is answered like an unknown DWS path. */
export async function startFakeDws(options: {
  port: number;
  cert: string;
  key: string;
  clusters: number;
}): Promise<FakeDws> {
  const clusters = generatedClusters(options.clusters);
  // What the console receives must be what the real service could send.
  const body = JSON.stringify(clusterListResponseSchema.parse({ clusters, count: clusters.length }));
  const server = https.createServer(
    { cert: await readFile(options.cert), key: await readFile(options.key) },
    (req, res) => {
      if (req.method === 'GET' && /^\/v1\.0\/[^/]+\/clusters(\?.*)?$/.test(req.url ?? '')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'DWS.0001', error_msg: 'not served by the bench upstream' }));
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    url: `https://127.0.0.1:${options.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
