import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectAlarmsSchema, type ProjectAlarms } from '@dws-console/shared';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCluster, samplingEmulatorEnv, watchedCluster } from '../testing/clusters.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

let harness: Harness;
let control: Agent;
/** Each project has a cluster DBMind watches; the first also one it does not, the second one in trouble. */
const one = { cookie: '', watched: '', unwatched: '' };
const two = { cookie: '', watched: '' };

/** DBMind's alarms about the host every emulated cluster shares (emulator/src/dbmind/alarms/alarm-detector.ts). */
const hostAlarms = ['磁盘使用率', '内存使用率', 'CPU使用率'];

const alarms = (cookie: string) => harness.request('/api/alarms', { cookie });

async function alarmsOf(cookie: string): Promise<ProjectAlarms> {
  const response = await alarms(cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return projectAlarmsSchema.parse(await response.json());
}

beforeAll(async () => {
  harness = await startHarness({}, { emulatorEnv: samplingEmulatorEnv });
  control = new Agent({ connect: { ca: await readFile(path.join(harness.dataDir, 'pki', 'ca.crt')) } });
  one.cookie = await harness.logIn(undefined, undefined, 'ae-ad-1');
  two.cookie = await harness.logIn(undefined, undefined, 'ae-ad-2');
  one.watched = (await watchedCluster(harness, one.cookie, 'alarms-one')).id;
  one.unwatched = (await createCluster(harness, one.cookie, 'alarms-one-unwatched')).id;
  two.watched = (await watchedCluster(harness, two.cookie, 'alarms-two')).id;
  // The second project's server refuses new connections: DBMind raises a connection alarm for it alone.
  const fault = await fetch(`${harness.emulator.cloudUrl}/emulator/clusters/${two.watched}/faults`, {
    method: 'POST',
    dispatcher: control,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fault: 'connections' }),
  });
  expect(fault.status, await fault.text()).toBe(201);
}, 300_000);

afterAll(async () => {
  await control?.close();
  await harness?.close();
});

describe('the project alarms', () => {
  it("counts the alarms of the session's own clusters, with their severity, and names the unwatched", async () => {
    const alarmed = await vi.waitFor(
      async () => {
        const body = await alarmsOf(two.cookie);
        expect(body.clusters.find((c) => c.cluster_id === two.watched)?.alarms.length).toBeGreaterThan(0);
        return body;
      },
      { timeout: 180_000, interval: 1_000 },
    );
    expect(alarmed.clusters.map((c) => c.cluster_id)).toEqual([two.watched]);
    const [cluster] = alarmed.clusters;
    expect(cluster!.watched).toBe(true);
    // Refused connections are an error, a nearly full pool a warning (DBMind's levels 40 and 30).
    expect(['error', 'warning']).toContain(cluster!.alarms[0]!.severity);

    // The first project sees its own two clusters only: one watched and calm, one DBMind does not watch.
    const calm = await alarmsOf(one.cookie);
    expect(calm.clusters).toHaveLength(2);
    const watched = calm.clusters.find((c) => c.cluster_id === one.watched);
    expect(watched?.watched).toBe(true);
    // A busy test machine may raise a host alarm (CPU, memory) on any cluster; the refused connections are not its.
    expect(watched?.alarms.filter((alarm) => !hostAlarms.includes(alarm.name))).toEqual([]);
    expect(calm.clusters).toContainEqual({ cluster_id: one.unwatched, watched: false, alarms: [] });
    expect(JSON.stringify(calm)).not.toContain(two.watched);
  }, 400_000);

  it('answers only a session', async () => {
    expect((await alarms('')).status).toBe(401);
  });
});
