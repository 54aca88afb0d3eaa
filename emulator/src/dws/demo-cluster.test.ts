import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDbmindHarness, type DbmindHarness } from '../dbmind/testing/dbmind-harness.ts';
import { makeDataDir, removeDataDir } from '../testing/harness.ts';
import { demoCluster, ensureDemoCluster } from './demo-cluster.ts';

// What `npm start` runs beside the console: the demo cluster made and registered with DBMind through the
// public APIs, and nothing made or registered twice when it runs again, before or after a restart.

let dataDir: string;
let harness: DbmindHarness | undefined;
const settings = { EMULATOR_SPEED: '100', EMULATOR_PG_FSYNC: 'off' };

const start = async () => {
  harness = await startDbmindHarness({ dataDir, config: settings });
  return harness;
};
const ensure = (h: DbmindHarness, log: string[]) =>
  ensureDemoCluster({
    cloudUrl: h.emulator.cloudUrl,
    dbmindUrl: h.emulator.dbmindUrl,
    dispatcher: h.dispatcher,
    log: (line) => log.push(line),
  });

/** DBMind's cluster map, as `GET /v1/api/clusters` answers it. */
async function clusterMap(h: DbmindHarness) {
  const response = await h.request('GET', '/v1/api/clusters');
  return ((await response.json()) as { data: Record<string, { cluster_name: string; managed: boolean }> })
    .data;
}

beforeAll(async () => {
  dataDir = await makeDataDir('demo-cluster');
});

afterAll(async () => {
  await harness?.close();
  await removeDataDir(dataDir);
});

describe('the demo cluster of npm start', () => {
  it('is made, registered with DBMind through its API, and left alone on the next runs', async () => {
    let h = await start();
    const log: string[] = [];
    expect(await ensure(h, log)).toBe('registered');
    expect(log).toEqual([
      `demo cluster: creating ${demoCluster.name}; DBMind gives it test_db once it is available`,
      `demo cluster: ${demoCluster.name} registered with DBMind`,
    ]);
    const registered = Object.values(await clusterMap(h));
    expect(registered).toEqual([
      { cluster_name: demoCluster.name, instances: expect.any(Array) as unknown, managed: true },
    ]);

    // With it registered, a session chooses it at once: the assistant needs no registration form.
    const [address] = Object.keys(await clusterMap(h));
    const query = new URLSearchParams({ instance: address!, user_id: 'demo', session_id: 'demo' });
    expect(await (await h.request('PUT', `/v1/api/clusters?${query.toString()}`)).json()).toMatchObject({
      data: true,
    });

    expect(await ensure(h, [])).toBe('already registered');
    await h.close();
    harness = undefined;

    // After a restart the cluster and its registration are still there; nothing is made again.
    h = await start();
    expect(await ensure(h, [])).toBe('already registered');
    const map = await clusterMap(h);
    expect(Object.keys(map)).toEqual([address]);
    expect(map[address!]).toMatchObject({ cluster_name: demoCluster.name, managed: true });
  }, 240_000);
});

describe('a demo log-in that IAM refuses', () => {
  it('fails naming the HTTP status, not the HTML page a gateway answered with', async () => {
    // A gateway in front of an IAM that is down: a status and a page of HTML, no JSON.
    const gateway = createServer((_req, res) => {
      res
        .writeHead(503, { 'Content-Type': 'text/html' })
        .end('<html><body>Service Unavailable</body></html>');
    });
    gateway.listen(0, '127.0.0.1');
    await once(gateway, 'listening');
    const dispatcher = new Agent();
    try {
      const cloudUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      await expect(ensureDemoCluster({ cloudUrl, dbmindUrl: cloudUrl, dispatcher })).rejects.toThrow(
        'demo log-in failed: HTTP 503',
      );
    } finally {
      await dispatcher.close();
      gateway.close();
    }
  });
});
