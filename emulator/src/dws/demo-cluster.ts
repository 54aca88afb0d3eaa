import {
  clusterListResponseSchema,
  dbmindClusterMapSchema,
  exampleClusterRequest,
  passwordTokenRequest,
  registerClusterResultSchema,
  tokenResponseSchema,
} from '@dws-console/shared';
import { fetch, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { Directory } from '../iam/directory.ts';

/**
 * The demo cluster `npm start` makes, the project it makes it in, and its administrator (printed by
 * `npm start`, known to the secret scan).
 */
export const demoCluster = {
  name: 'demo-cluster',
  domain: 'demo',
  project: 'ae-ad-1',
  user: 'dbadmin',
  password: 'Demo@Cluster2026',
} as const;

/**
 * The id of the project the demo cluster is made in, when IAM's directory has it: another tenant's cluster of the
 * same name is theirs, never the demo's.
 */
export function demoProjectId(directory: Directory): string | undefined {
  return directory.domains
    .find((domain) => domain.name === demoCluster.domain)
    ?.projects.find((project) => project.name === demoCluster.project)?.id;
}

export interface DemoClusterOptions {
  /** The emulator's IAM and DWS API. */
  cloudUrl: string;
  /** The emulator's DBMind API (mutual TLS). */
  dbmindUrl: string;
  /** Trusts the development CA and presents the development client certificate (DBMind asks for it). */
  dispatcher: Dispatcher;
  log?: (line: string) => void;
  /** How long the cluster may take to become available. */
  timeoutMs?: number;
}

export type DemoClusterOutcome = 'registered' | 'already registered' | 'not made here' | 'refused';

const clusterSchema = z.object({
  cluster: z.object({
    id: z.string(),
    status: z.string(),
    task_status: z.string().nullish(),
    endpoints: z.array(z.object({ connect_info: z.string() })).nullish(),
  }),
});

/**
 * What `npm start` does for a new user, through the public APIs as any client would: when the demo project has
 * no cluster, creates `demo-cluster`; once it is available, registers it with DBMind (`POST
 * /v1/api/clusters/register`, its administrator as the account), so the assistant answers about it at once.
 * Runs again harmlessly: an existing cluster is not made again, a registered one not registered again.
 */
export async function ensureDemoCluster(options: DemoClusterOptions): Promise<DemoClusterOutcome> {
  const { cloudUrl, dbmindUrl, dispatcher } = options;
  const log = options.log ?? (() => undefined);
  const login = await fetch(`${cloudUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(
      passwordTokenRequest({
        domain: demoCluster.domain,
        username: 'admin',
        password: 'Admin@12345',
        project: demoCluster.project,
      }),
    ),
    dispatcher,
  });
  const token = login.headers.get('X-Subject-Token');
  // The status first: a refused log-in's body may be a gateway's HTML page, which says less than the status.
  if (login.status !== 201 || !token) {
    await login.body?.cancel();
    throw new Error(`demo log-in failed: HTTP ${login.status}`);
  }
  const { project } = tokenResponseSchema.parse(await login.json()).token;
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/json' };
  const base = `${cloudUrl}/v1.0/${project.id}/clusters`;

  const list = clusterListResponseSchema.parse(await (await fetch(base, { headers, dispatcher })).json());
  let id = list.clusters.find((c) => c.name === demoCluster.name)?.id;
  if (!id && list.clusters.length > 0) {
    log('demo cluster: the demo project has clusters of its own; none is made or registered');
    return 'not made here';
  }
  if (!id) {
    const created = await fetch(base, {
      method: 'POST',
      headers,
      dispatcher,
      body: JSON.stringify(
        exampleClusterRequest(demoCluster.name, demoCluster.password, {
          nodeType: 'dws.d2.xlarge',
          userName: demoCluster.user,
          availabilityZone: 'ae-ad-1',
        }),
      ),
    });
    if (created.status !== 200)
      throw new Error(`creating ${demoCluster.name} failed: HTTP ${created.status}`);
    id = z.object({ cluster: z.object({ id: z.string() }) }).parse(await created.json()).cluster.id;
    log(`demo cluster: creating ${demoCluster.name}; DBMind gives it test_db once it is available`);
  }

  // Registering needs a server that answers: wait until DWS says the cluster is available.
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  let address: string | undefined;
  for (;;) {
    const { cluster } = clusterSchema.parse(
      await (await fetch(`${base}/${id}`, { headers, dispatcher })).json(),
    );
    address = cluster.endpoints?.[0]?.connect_info;
    if (cluster.status === 'AVAILABLE' && !cluster.task_status && address) break;
    if (/FAILED/.test(cluster.status)) throw new Error(`${demoCluster.name} is ${cluster.status}`);
    if (Date.now() > deadline) throw new Error(`${demoCluster.name} stayed ${cluster.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }

  const map = await (await fetch(`${dbmindUrl}/v1/api/clusters`, { dispatcher })).json();
  const known = z.object({ data: dbmindClusterMapSchema }).parse(map).data[address];
  if (known?.managed) {
    log(`demo cluster: ${demoCluster.name} is registered with DBMind`);
    return 'already registered';
  }
  const [host, port] = address.split(':');
  const registered = await fetch(`${dbmindUrl}/v1/api/clusters/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    dispatcher,
    body: JSON.stringify({
      cluster_name: demoCluster.name,
      host,
      port: Number(port),
      username: demoCluster.user,
      password: demoCluster.password,
    }),
  });
  const result = z.object({ data: registerClusterResultSchema }).parse(await registered.json()).data;
  if (result.status !== 0) {
    log(`demo cluster: DBMind did not register ${demoCluster.name}: ${result.status} ${result.msg}`);
    return 'refused';
  }
  log(`demo cluster: ${demoCluster.name} registered with DBMind`);
  return 'registered';
}
