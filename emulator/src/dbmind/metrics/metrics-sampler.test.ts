import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
  it("records an unreachable instance with the connection error, and Prometheus's figures beside it", async () => {
    const sampler = new MetricsSampler({
      directory,
      intervalMs: 1000,
      thresholds: defaultThresholds,
      figures: () => Promise.resolve({ pg_up: 0 }),
    });
    const sample = await sampler.sampleNow(down);
    expect(sample).toMatchObject({ reachable: false, errorCode: 'ECONNREFUSED', metrics: { pg_up: 0 } });
    expect(sampler.latest('127.0.0.1:9')).toBe(sample);
  });

  it('leaves whether the instance answers to Prometheus: the look alone records no pg_up', async () => {
    const sampler = new MetricsSampler({ directory, intervalMs: 1000, thresholds: defaultThresholds });
    const sample = await sampler.sampleNow(down);
    expect(sample.reachable).toBe(false);
    expect(sample.metrics).not.toHaveProperty('pg_up');
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
      thresholds: defaultThresholds,
    });
    let samples = 0;
    sampler.onSample(() => (samples += 1));
    // The sampler's clock is the test's: each tick is one interval moved forward, never a wait.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      sampler.start();
      expect(samples).toBe(0);
      for (let tick = 1; tick <= 3; tick += 1) {
        await vi.advanceTimersByTimeAsync(50);
        await vi.waitFor(() => expect(samples).toBe(tick), { timeout: 15_000 });
      }

      instances = [];
      await sampler.sampleAll();
      expect(sampler.latest('127.0.0.1:9')).toBeUndefined();

      await sampler.stop();
      // No timer is left to sample again.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
