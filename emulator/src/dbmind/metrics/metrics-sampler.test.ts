import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterDirectory } from '../cluster-directory.ts';
import { staticManagedInstances, type ManagedInstance } from '../managed-instances.ts';
import { RegistrationStore } from '../registration-store.ts';
import { MetricsSampler } from './metrics-sampler.ts';
import { defaultThresholds } from './thresholds.ts';

// Port 9 (discard) refuses connections at once: sampling is quick and the instance reads as down.
const down: ManagedInstance = {
  clusterId: 'c1',
  name: 'down',
  projectId: 'p1',
  host: '127.0.0.1',
  port: 9,
  adminUser: 'dbadmin',
  adminPassword: 'unused',
  database: 'postgres',
  status: 'AVAILABLE',
};

let dir: string;
let directory: ClusterDirectory;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dbmind-sampler-'));
  directory = new ClusterDirectory(staticManagedInstances([down]), new RegistrationStore(dir));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('metrics sampler', () => {
  it('records an unreachable instance as down and keeps at most retention/interval points per metric', async () => {
    const sampler = new MetricsSampler({
      directory,
      intervalMs: 1000,
      retentionMs: 10_000,
      thresholds: defaultThresholds,
    });
    for (let i = 0; i < 25; i += 1) {
      const sample = await sampler.sampleNow(down);
      expect(sample).toMatchObject({ reachable: false, errorCode: 'ECONNREFUSED', metrics: { pg_up: 0 } });
    }
    const points = sampler.series('127.0.0.1:9', 'pg_up', 0, Date.now() + 1000);
    expect(points).toHaveLength(11);
    expect(points.every((p) => p.v === 0)).toBe(true);
  });

  it('samples on its timer until stopped, and forgets instances that are no longer managed', async () => {
    let instances = [down];
    const changing = new ClusterDirectory(
      { list: () => Promise.resolve(instances) },
      new RegistrationStore(dir),
    );
    const sampler = new MetricsSampler({
      directory: changing,
      intervalMs: 50,
      retentionMs: 60_000,
      thresholds: defaultThresholds,
    });
    let samples = 0;
    sampler.onSample(() => (samples += 1));
    sampler.start();
    for (let i = 0; i < 500 && samples < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(samples).toBeGreaterThanOrEqual(3);

    instances = [];
    await sampler.sampleAll();
    expect(sampler.latest('127.0.0.1:9')).toBeUndefined();

    await sampler.stop();
    const after = samples;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(samples).toBe(after);
  });
});
