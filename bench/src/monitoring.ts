import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { clusterMonitoringSchema, monitoredMetrics, monitoringRanges } from '@dws-console/shared';
import { Agent, fetch } from 'undici';
import { metricQuery } from '../../emulator/src/dbmind/metrics/metric-queries.ts';
import { mountPointOf } from '../../emulator/src/prometheus/mount-point.ts';
import { rangeStep, rateWindow, stepGrid } from '../../emulator/src/prometheus/range-step.ts';
import { benchClusterRequest, DwsApi } from './dws-api.ts';
import type { Figure } from './results.ts';
import type { BenchStack } from './stack.ts';
import { median, timed } from './stats.ts';

const rounds = 15;
const password = 'Bench@Monitor2026';
const scrapeSeconds = 15;

type ClusterBody = { cluster: { id: string; status: string; endpoints?: { connect_info: string }[] } };

/** Registers the cluster with DBMind, as an administrator does in the assistant (mutual TLS). */
async function register(stack: BenchStack, port: number): Promise<void> {
  const [ca, cert, key, pass] = await Promise.all([
    readFile(stack.pki.ca),
    readFile(stack.pki.clientCert),
    readFile(stack.pki.clientKey),
    readFile(stack.pki.clientPass, 'utf8'),
  ]);
  const dispatcher = new Agent({ connect: { ca, cert, key, passphrase: pass.trim() } });
  try {
    const response = await fetch(`${stack.dbmindUrl}/v1/api/clusters/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        cluster_name: 'bench-monitoring',
        host: '127.0.0.1',
        port,
        username: 'dbadmin',
        password,
      }),
      dispatcher,
    });
    const text = await response.text();
    if (!text.includes('"status":0')) throw new Error(`DBMind did not register the cluster: ${text}`);
  } finally {
    await dispatcher.close();
  }
}

/**
 * The cluster page's 24 h charts: the BFF's monitoring request (DBMind's tools, each one range query to
 * Prometheus, and the alarms) beside the same range queries sent straight to Prometheus, one after the other.
 */
export async function benchMonitoring(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const ca = await readFile(stack.pki.ca);
  const dws = new DwsApi(stack.cloudUrl, stack.projectId, stack.token, ca);
  const dispatcher = new Agent({ connect: { ca } });
  try {
    const { cluster } = await dws.call<ClusterBody>(
      'POST',
      '/clusters',
      benchClusterRequest('bench-monitoring', password),
    );
    const ready = await dws.waitFor<ClusterBody>(
      `/clusters/${cluster.id}`,
      (b) => b.cluster.status === 'AVAILABLE',
      (b) => (b.cluster.status === 'FAILED' ? 'creation failed' : undefined),
    );
    const endpoint = ready.cluster.endpoints?.[0]?.connect_info ?? '';
    const port = Number(endpoint.split(':').pop());
    await register(stack, port);

    const throughBff = async () => {
      const response = await fetch(`${stack.bffUrl}/api/monitoring/clusters/${cluster.id}?range=24h`, {
        headers: { Cookie: stack.cookie },
        dispatcher,
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`monitoring: HTTP ${response.status} ${text.slice(0, 300)}`);
      return clusterMonitoringSchema.parse(JSON.parse(text));
    };
    // Prometheus has scraped the new server: the connections line has points.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const body = await throughBff();
      const connections = body.series.find((s) => s.metric === 'gaussdb_total_connection');
      if (connections?.values.some((v) => v !== null)) break;
      if (Date.now() > deadline) throw new Error('Prometheus has no series of the cluster after 120 s');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const windowSeconds = monitoringRanges['24h'] * 60;
    const stepSeconds = rangeStep(windowSeconds, scrapeSeconds);
    const mountPoint = await mountPointOf(stack.dataDir);
    const straight = async () => {
      const now = Date.now();
      const grid = stepGrid(now - windowSeconds * 1000, now, stepSeconds);
      for (const metric of monitoredMetrics) {
        const query = metricQuery(metric, {
          address: `127.0.0.1:${port}`,
          stepSeconds,
          rateSeconds: rateWindow(stepSeconds, scrapeSeconds),
          lookbackSeconds: 4 * scrapeSeconds,
          cpuCount: os.availableParallelism(),
          memoryBytes: os.totalmem(),
          mountPoint,
        });
        const params = new URLSearchParams({
          query,
          start: String(grid[0]! / 1000),
          end: String(grid.at(-1)! / 1000),
          step: `${stepSeconds}s`,
        });
        const response = await fetch(`${stack.prometheusUrl}/api/v1/query_range`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
        });
        if (response.status !== 200)
          throw new Error(`Prometheus: HTTP ${response.status} ${await response.text()}`);
        await response.text();
      }
    };

    const bffMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      bffMs.push((await timed(throughBff)).seconds * 1000);
      directMs.push((await timed(straight)).seconds * 1000);
    }
    log(
      `monitoring: 24 h through the BFF ${median(bffMs).toFixed(0)} ms, straight ${median(directMs).toFixed(1)} ms`,
    );
    return [
      {
        section: 'Monitoring',
        name: `cluster page's 24 h charts and alarms through the BFF (${monitoredMetrics.length} series, step ${stepSeconds} s), median of ${rounds}`,
        value: median(bffMs),
        unit: 'ms',
        comparedWith: `the same ${monitoredMetrics.length} range queries straight to Prometheus, one after the other: ${median(directMs).toFixed(1)} ms`,
        note: "DBMind's tool chain per series (session, question, tool) and the alarm question",
        target: 'none set',
      },
    ];
  } finally {
    await dispatcher.close();
    await dws.close();
  }
}
