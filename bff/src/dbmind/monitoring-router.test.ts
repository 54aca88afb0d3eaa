import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { clusterMonitoringSchema, formatDbmindTime, type ClusterMonitoring } from '@dws-console/shared';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCluster, samplingEmulatorEnv, watchedCluster } from '../testing/clusters.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

let harness: Harness;
/** One session and one real cluster (a PostgreSQL server) in each project. */
const tenants = {
  one: { cookie: '', clusterId: '' },
  two: { cookie: '', clusterId: '' },
};
/** A cluster of project one that nobody registered with DBMind. */
let unwatchedId = '';

const monitoring = (cookie: string, clusterId: string, range = '1h') =>
  harness.request(`/api/monitoring/clusters/${clusterId}?range=${range}`, { cookie });

beforeAll(async () => {
  harness = await startHarness({}, { emulatorEnv: samplingEmulatorEnv });
  tenants.one.cookie = await harness.logIn(undefined, undefined, 'ae-ad-1');
  tenants.two.cookie = await harness.logIn(undefined, undefined, 'ae-ad-2');
  tenants.one.clusterId = (await watchedCluster(harness, tenants.one.cookie, 'watched-one')).id;
  tenants.two.clusterId = (await watchedCluster(harness, tenants.two.cookie, 'watched-two')).id;
  unwatchedId = (await createCluster(harness, tenants.one.cookie, 'unwatched-one')).id;
}, 240_000);

afterAll(async () => {
  await harness?.close();
});

/** Waits until DBMind has sampled the cluster, then answers its monitoring. */
async function sampled(tenant: { cookie: string; clusterId: string }): Promise<ClusterMonitoring> {
  return vi.waitFor(
    async () => {
      const response = await monitoring(tenant.cookie, tenant.clusterId);
      expect(response.status, await response.clone().text()).toBe(200);
      const body = clusterMonitoringSchema.parse(await response.json());
      const cpu = body.series.find((s) => s.metric === 'os_cpu_user_usage');
      expect(cpu?.values.some((v) => typeof v === 'number')).toBe(true);
      return body;
    },
    { timeout: 180_000, interval: 1_000 },
  );
}

describe('cluster monitoring', () => {
  it("draws DBMind's sampled series of the session's own cluster", async () => {
    const one = await sampled(tenants.one);
    const two = await sampled(tenants.two);
    // Each tenant sees its own PostgreSQL server.
    expect(one.instance).not.toBe(two.instance);
    expect(one.series.map((s) => s.metric)).toEqual([
      'os_cpu_user_usage',
      'os_mem_usage',
      'os_disk_usage',
      'gaussdb_total_connection',
      'gaussdb_qps_by_instance',
      'pg_cache_hit_ratio',
    ]);
    const connections = one.series.find((s) => s.metric === 'gaussdb_total_connection')!;
    expect(connections.unit).toBe('个');
    expect(connections.timestamps.length).toBe(connections.values.length);
    // A window that ends now also takes the sample DBMind makes while answering (the emulator's rangeEnd), so
    // the newest timestamp may pass end_time, but never the moment the answer arrived.
    const answered = new Date();
    const arrived = formatDbmindTime(answered);
    expect(connections.timestamps.every((t) => t >= one.start_time && t <= arrived)).toBe(true);
  }, 400_000);

  it("shows the alarms of the session's own cluster, never those of another project's", async () => {
    const one = await sampled(tenants.one);
    const control = new Agent({
      connect: { ca: await readFile(path.join(harness.dataDir, 'pki', 'ca.crt')) },
    });
    const faults = `${harness.emulator.cloudUrl}/emulator/clusters/${tenants.two.clusterId}/faults`;
    // The second project's server refuses new connections: DBMind raises a connection alarm for it alone.
    const fault = await fetch(faults, {
      method: 'POST',
      dispatcher: control,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fault: 'connections' }),
    });
    expect(fault.status, await fault.text()).toBe(201);
    try {
      const two = await vi.waitFor(
        async () => {
          const body = clusterMonitoringSchema.parse(
            await (await monitoring(tenants.two.cookie, tenants.two.clusterId)).json(),
          );
          expect(body.alarms.length).toBeGreaterThan(0);
          return body;
        },
        { timeout: 180_000, interval: 1_000 },
      );
      expect(two.alarms.every((alarm) => alarm.event.includes(two.instance))).toBe(true);
      const after = await sampled(tenants.one);
      expect(after.instance).toBe(one.instance);
      for (const alarm of after.alarms) expect(alarm.event).not.toContain(two.instance);
    } finally {
      await fetch(`${faults}/connections`, { method: 'DELETE', dispatcher: control });
      await control.close();
    }
  }, 400_000);

  it("never answers another project's cluster, not even whether it exists", async () => {
    for (const [reader, owner] of [
      [tenants.two, tenants.one],
      [tenants.one, tenants.two],
    ] as const) {
      const response = await monitoring(reader.cookie, owner.clusterId);
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).not.toContain('series');
      expect(text).not.toMatch(/\d+\.\d+\.\d+\.\d+:\d+/);
    }
    const unknown = await monitoring(tenants.one.cookie, '00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('says a cluster of the project that DBMind does not watch is not registered with it', async () => {
    const response = await monitoring(tenants.one.cookie, unwatchedId);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error_msg: 'cluster_id: the cluster is not registered with DBMind.',
    });
  });

  it('refuses a bad window or id naming the rule, and a request without a session', async () => {
    const badRange = await monitoring(tenants.one.cookie, tenants.one.clusterId, '2h');
    expect(badRange.status).toBe(400);
    expect(await badRange.json()).toMatchObject({ error_msg: 'range: must be 1h, 6h, 24h or 7d' });
    const badId = await monitoring(tenants.one.cookie, 'a%2F..%2Fb');
    expect(badId.status).toBe(400);
    const anonymous = await monitoring('', tenants.one.clusterId);
    expect(anonymous.status).toBe(401);
  });
});
