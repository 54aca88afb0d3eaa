import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { deadEndpoint } from '../testing/probes.ts';
import { httpsProbe, type Probe } from './health-router.ts';

let harness: Harness;
let agent: Agent;
// The real emulator's IAM once the harness has started it; DWS's probe points where nothing listens.
let iamProbe: Probe = () => Promise.resolve(false);

beforeAll(async () => {
  agent = new Agent();
  const nowhere = await deadEndpoint();
  harness = await startHarness({
    probes: { iam: () => iamProbe(), dws: httpsProbe(nowhere, agent) },
  });
  const ca = await readFile(path.join(harness.dataDir, 'pki', 'ca.crt'));
  iamProbe = httpsProbe(harness.emulator.cloudUrl, new Agent({ ca }));
});

afterAll(async () => {
  await harness?.close();
  agent?.destroy();
});

it('is alive but not ready while an upstream is down, and names the one that is', async () => {
  expect((await harness.request('/healthz')).status).toBe(200);
  const ready = await harness.request('/readyz');
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'not ready', upstreams: { iam: 'up', dws: 'down' } });
});
