import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, samplingEmulatorEnv } from '../testing/clusters.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

/**
 * Two console processes over one cloud, each remembering a project's clusters for an hour: only the console's
 * own writes and a re-read on a miss can make a new cluster known, never the time.
 */
let first: Harness;
let second: Harness;
const hour = 3_600_000;

const binding = (harness: Harness, cookie: string, clusterId: string) =>
  harness.request(`/api/dbmind/clusters/${clusterId}/binding`, { cookie });

beforeAll(async () => {
  first = await startHarness({}, { emulatorEnv: samplingEmulatorEnv, clusterListMs: hour });
  second = await startHarness({}, { emulator: first.emulator, dataDir: first.dataDir, clusterListMs: hour });
}, 120_000);

afterAll(async () => {
  await second?.close();
  await first?.close();
});

describe("the project's clusters the assistant knows", () => {
  it('include a cluster created a moment ago, through this console process or another', async () => {
    const cookies = { first: await first.logIn(), second: await second.logIn() };
    // Both processes now remember the project without the clusters created below.
    for (const [harness, cookie] of [
      [first, cookies.first],
      [second, cookies.second],
    ] as const) {
      const access = await harness.request('/api/dbmind/access', { cookie });
      expect(access.status).toBe(200);
    }

    const own = await createCluster(first, cookies.first, 'remembered-own');
    // The console's own write made it forget the list: the alarms, which never re-read, list the new cluster.
    const alarms = await first.request('/api/alarms', { cookie: cookies.first });
    expect(alarms.status).toBe(200);
    expect(JSON.stringify(await alarms.json())).toContain(own.id);
    const ownBinding = await binding(first, cookies.first, own.id);
    expect(ownBinding.status, await ownBinding.clone().text()).toBe(200);
    expect(await ownBinding.json()).toMatchObject({ cluster_id: own.id, instance: own.address });

    // Created through the other process: this one learns of it by reading the list again once.
    const elsewhere = await createCluster(second, cookies.second, 'remembered-elsewhere');
    const elsewhereBinding = await binding(first, cookies.first, elsewhere.id);
    expect(elsewhereBinding.status, await elsewhereBinding.clone().text()).toBe(200);
    expect(await elsewhereBinding.json()).toMatchObject({
      cluster_id: elsewhere.id,
      instance: elsewhere.address,
    });
  }, 240_000);

  it('still refuse an id that is no cluster of the project, after reading the list again', async () => {
    const cookie = await first.logIn(undefined, undefined, 'ae-ad-2');
    const foreign = await createCluster(first, await first.logIn(), 'remembered-foreign');
    const response = await binding(first, cookie, foreign.id);
    expect(response.status).toBe(403);
  }, 240_000);
});
