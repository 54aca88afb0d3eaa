import { exampleClusterRequest } from '@dws-console/shared';
import { expect } from 'vitest';
import type { Response } from 'undici';
import type { Harness } from './harness.ts';

const csrfJson = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

export interface TestCluster {
  id: string;
  /** `host:port` of its PostgreSQL server: DBMind's name for it. */
  address: string;
  password: string;
}

/** Creates a real cluster (a PostgreSQL server) through the console in the session's project, until AVAILABLE. */
export async function createCluster(harness: Harness, cookie: string, name: string): Promise<TestCluster> {
  const password = 'Test@Cluster2026';
  const created = await harness.request('/api/dws/clusters', {
    method: 'POST',
    cookie,
    headers: csrfJson,
    body: JSON.stringify(exampleClusterRequest(name, password)),
  });
  if (created.status !== 200)
    throw new Error(`cannot create ${name}: ${created.status} ${await created.text()}`);
  const { id } = ((await created.json()) as { cluster: { id: string } }).cluster;
  // Provisioning waits on initdb and a server start: generous, as the machine is shared.
  for (let i = 0; i < 600; i += 1) {
    const detail = await harness.request(`/api/dws/clusters/${id}`, { cookie });
    const { cluster } = (await detail.json()) as {
      cluster: { status: string; endpoints?: { connect_info: string }[] };
    };
    const address = cluster.endpoints?.[0]?.connect_info;
    if (cluster.status === 'AVAILABLE' && address) return { id, address, password };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become AVAILABLE`);
}

/** Registers the cluster with DBMind through the console (with its administrator), answering DBMind's status. */
export async function registerCluster(
  harness: Harness,
  cookie: string,
  cluster: TestCluster,
  name: string,
): Promise<Response> {
  const separator = cluster.address.lastIndexOf(':');
  return harness.request('/api/dbmind/clusters/register', {
    method: 'POST',
    cookie,
    headers: csrfJson,
    body: JSON.stringify({
      cluster_name: name,
      host: cluster.address.slice(0, separator),
      port: Number(cluster.address.slice(separator + 1)),
      username: 'dbadmin',
      password: cluster.password,
    }),
  });
}

/** The emulator of a test that watches DBMind follow its clusters: fast tasks, no demo data, a sample every second. */
export const samplingEmulatorEnv = {
  EMULATOR_SPEED: '100',
  EMULATOR_PG_FSYNC: 'off',
  EMULATOR_DBMIND_DEMO_DATA: 'off',
  EMULATOR_DBMIND_SAMPLE_SECONDS: '1',
};

/** A real cluster of the session's project, registered with DBMind as a user does (DBMind answers only for those). */
export async function watchedCluster(harness: Harness, cookie: string, name: string): Promise<TestCluster> {
  const cluster = await createCluster(harness, cookie, name);
  const registered = await registerCluster(harness, cookie, cluster, name);
  expect(await registered.json()).toMatchObject({ data: { status: 0 } });
  return cluster;
}
