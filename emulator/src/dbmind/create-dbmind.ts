import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorConfig } from '../config.ts';
import { AlarmDetector } from './alarms/alarm-detector.ts';
import { ClusterDirectory } from './cluster-directory.ts';
import { DemoWorkload, seedDemoData, type DemoWorkloadOptions } from './demo/demo-data.ts';
import type { DbmindServices } from './interaction/services.ts';
import { mountPointOf } from '../prometheus/mount-point.ts';
import { PrometheusStack } from '../prometheus/prometheus-stack.ts';
import { instanceAddress, type ManagedInstance, type ManagedInstances } from './managed-instances.ts';
import type { MetricName } from './metrics/metric-catalog.ts';
import { MetricHistory } from './metrics/metric-history.ts';
import { MetricsSampler } from './metrics/metrics-sampler.ts';
import { defaultThresholds, type DetectionThresholds } from './metrics/thresholds.ts';
import { ModelRegistry, type ModelRegistryOptions } from './model/model-registry.ts';
import { RegistrationStore } from './registration-store.ts';
import { SessionStore } from './sessions.ts';

export interface DbmindOptions {
  /** Where registrations are kept (`DATA_DIR/emulator/dbmind`). */
  stateDir: string;
  instances: ManagedInstances;
  sampleIntervalMs: number;
  /** Prometheus's port (0 picks one) and how many days of history it keeps under `DATA_DIR/emulator/prometheus`. */
  prometheus: { dir: string; port: number; retentionDays: number };
  endpoint?: ModelRegistryOptions['endpoint'];
  thresholds?: Partial<DetectionThresholds>;
  /** The cluster that gets the demo data: its name in its project. None when absent. */
  demoData?: { projectId: string; clusterName: string };
  /** Tests drive the sampler themselves. */
  startSampler?: boolean;
  /** Tests shorten the demo traffic's rhythm. */
  demoWorkload?: Partial<DemoWorkloadOptions>;
  useHypopg?: boolean;
}

export interface Dbmind {
  services: DbmindServices;
  /** Where DBMind's Prometheus answers (plain HTTP on 127.0.0.1). */
  prometheusUrl: string;
  close(): Promise<void>;
}

/** What DBMind's alarm rules read from Prometheus (decision 032), the figures its charts draw. */
const ruleMetrics = [
  'gaussdb_connection_usage',
  'pg_long_transaction_count',
  'os_cpu_user_usage',
  'os_mem_usage',
  'os_disk_usage',
] as const satisfies readonly MetricName[];

// By project and name only: neither a user's cluster that happens to sort first nor another tenant's cluster of
// the same name may ever receive test_db and the demo traffic.
function demoInstance(
  instances: ManagedInstance[],
  demoData: DbmindOptions['demoData'],
): ManagedInstance | undefined {
  return demoData
    ? instances.find((i) => i.projectId === demoData.projectId && i.name === demoData.clusterName)
    : undefined;
}

/** Builds DBMind's state and background work (Prometheus and its exporters, sampler, alarm detector, demo workload). */
export async function createDbmind(options: DbmindOptions): Promise<Dbmind> {
  await mkdir(options.stateDir, { recursive: true });
  const registrations = new RegistrationStore(options.stateDir);
  await registrations.load();
  const directory = new ClusterDirectory(options.instances, registrations);
  const thresholds = { ...defaultThresholds, ...options.thresholds };
  const scrapeSeconds = Math.max(1, Math.round(options.sampleIntervalMs / 1000));
  const prometheus = new PrometheusStack({
    ...options.prometheus,
    scrapeSeconds,
    longTransactionSeconds: thresholds.longTransactionSeconds,
    // DBMind's own monitoring account, whatever GaussMaster registered.
    servers: async () =>
      (await directory.list()).map((instance) => {
        const target = directory.adminTarget(instance);
        return { address: instanceAddress(instance), ...target, dataDirectory: instance.dataDirectory };
      }),
  });
  await prometheus.start();
  const metrics = new MetricHistory({
    prometheus: () => prometheus.client,
    scrapeSeconds,
    cpuCount: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    // Every cluster's data directory is under the emulator's DATA_DIR, beside Prometheus's.
    mountPoint: await mountPointOf(path.dirname(options.prometheus.dir)),
  });
  const sampler = new MetricsSampler({
    directory,
    intervalMs: options.sampleIntervalMs,
    thresholds,
    figures: async (address) => {
      const [answering, ...values] = await Promise.all([
        metrics.answering(address).catch(() => undefined),
        ...ruleMetrics.map((metric) => metrics.latest(address, metric).catch(() => undefined)),
      ]);
      return Object.fromEntries([
        ...(answering === undefined ? [] : [['pg_up', answering]]),
        ...ruleMetrics.flatMap((metric, i) => (values[i] === undefined ? [] : [[metric, values[i]]])),
      ]) as Partial<Record<MetricName, number>>;
    },
  });
  const alarms = new AlarmDetector(thresholds);
  sampler.onSample((instance, sample) => alarms.evaluate(instance, sample));

  const workloads = new Map<string, DemoWorkload>();
  const seeding = new Set<string>();
  let closed = false;
  sampler.onSample((instance, sample) => {
    void (async () => {
      const all = await directory.list();
      alarms.retain(new Set(all.map(instanceAddress)));
      const demo = demoInstance(all, options.demoData);
      const address = instanceAddress(instance);
      if (closed || !demo || instanceAddress(demo) !== address || !sample.reachable) return;
      if (workloads.has(address) || seeding.has(address)) return;
      seeding.add(address);
      try {
        const target = directory.adminTarget(instance);
        if (await seedDemoData(target))
          console.log(`dbmind: demo data created in ${instance.name} (test_db.t1)`);
        if (closed) return;
        const workload = new DemoWorkload(target, {
          lookupEveryMs: 5000,
          reportEveryMs: 10 * 60_000,
          firstReportAfterMs: 30_000,
          // Past the threshold for three scrapes, so DBMind's rule sees it in Prometheus's figures (decision 032).
          reportHoldMs: Math.round((thresholds.longTransactionSeconds + 3 * scrapeSeconds) * 1000),
          ...options.demoWorkload,
        });
        workloads.set(address, workload);
        workload.start();
      } catch (error) {
        console.error('dbmind: demo data failed', error instanceof Error ? error.message : error);
      } finally {
        seeding.delete(address);
      }
    })();
  });

  if (options.startSampler !== false) sampler.start();
  const services: DbmindServices = {
    directory,
    sessions: new SessionStore(),
    models: new ModelRegistry({ endpoint: options.endpoint }),
    sampler,
    metrics,
    alarms,
    thresholds,
    useHypopg: options.useHypopg ?? true,
    now: Date.now,
  };
  return {
    services,
    prometheusUrl: prometheus.client.url,
    async close() {
      closed = true;
      await sampler.stop();
      await Promise.all([...workloads.values()].map((w) => w.stop()));
      await prometheus.close();
    },
  };
}

/** DBMind's part of the emulator's configuration; the demo data goes to the named cluster of `demoProjectId`. */
export function dbmindOptionsFrom(
  config: EmulatorConfig,
  stateDir: string,
  demoProjectId: string | undefined,
): Omit<DbmindOptions, 'instances'> {
  return {
    stateDir,
    sampleIntervalMs: config.EMULATOR_DBMIND_SAMPLE_SECONDS * 1000,
    prometheus: {
      dir: path.join(path.dirname(stateDir), 'prometheus'),
      port: config.EMULATOR_PROMETHEUS_PORT,
      retentionDays: config.EMULATOR_PROMETHEUS_RETENTION_DAYS,
    },
    ...(config.EMULATOR_DBMIND_DEMO_DATA !== 'off' && demoProjectId
      ? { demoData: { projectId: demoProjectId, clusterName: config.EMULATOR_DBMIND_DEMO_DATA } }
      : {}),
    endpoint: config.EMULATOR_DBMIND_LLM_BASE_URL
      ? {
          baseUrl: config.EMULATOR_DBMIND_LLM_BASE_URL,
          apiKey: config.EMULATOR_DBMIND_LLM_API_KEY,
          models: config.EMULATOR_DBMIND_LLM_MODELS,
          timeoutMs: config.EMULATOR_DBMIND_LLM_TIMEOUT_SECONDS * 1000,
        }
      : undefined,
  };
}
