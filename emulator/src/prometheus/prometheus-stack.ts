import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exporterQueries } from './exporter-queries.ts';
import { prometheusConfig, processExporterConfig, type ScrapedServer } from './prometheus-config.ts';
import { PrometheusClient } from './prometheus-client.ts';
import { freePort } from '../postgres/ports.ts';
import { SupervisedProcess } from './supervised-process.ts';

/** Runs `start`, and up to twice more after `again` when it fails. */
async function startingAgain(start: () => Promise<void>, again: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt === 3) throw error;
      await again();
    }
  }
}

/** A PostgreSQL server to scrape, with the account its exporter logs in with. */
export interface MonitoredServer {
  /** DBMind's `host:port`. */
  address: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The server's data directory when DBMind knows it: finds its processes. */
  dataDirectory?: string;
}

export interface PrometheusStackOptions {
  /** Configuration, logs and the time-series database (`DATA_DIR/emulator/prometheus`). */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  retentionDays: number;
  scrapeSeconds: number;
  longTransactionSeconds: number;
  servers(): Promise<MonitoredServer[]>;
  log?: (message: string) => void;
}

const binaries = {
  prometheus: '/usr/bin/prometheus',
  postgres: '/usr/bin/prometheus-postgres-exporter',
  process: '/usr/bin/prometheus-process-exporter',
  node: '/usr/bin/prometheus-node-exporter',
};

interface Exporter {
  server: MonitoredServer;
  exporterPort: number;
  process: SupervisedProcess;
}

const sameServer = (a: MonitoredServer, b: MonitoredServer) =>
  a.host === b.host &&
  a.port === b.port &&
  a.user === b.user &&
  a.password === b.password &&
  a.database === b.database &&
  a.dataDirectory === b.dataDirectory;

/**
 * Prometheus and its exporters, as a real DBMind reads them: one PostgreSQL exporter per managed server, the
 * process exporter for the servers' CPU and memory, the node exporter for their disk. The list of servers is
 * followed on a timer; Prometheus reloads its configuration when it changes. History stays on disk across starts.
 */
export class PrometheusStack {
  readonly #options: PrometheusStackOptions;
  readonly #exporters = new Map<string, Exporter>();
  #prometheus: SupervisedProcess | undefined;
  #processExporter: SupervisedProcess | undefined;
  #nodeExporter: SupervisedProcess | undefined;
  #ports = { prometheus: 0, process: 0, node: 0 };
  #timer: NodeJS.Timeout | undefined;
  #sync: Promise<void> = Promise.resolve();
  #closed = false;
  #client: PrometheusClient | undefined;

  constructor(options: PrometheusStackOptions) {
    this.#options = options;
  }

  get client(): PrometheusClient {
    if (!this.#client) throw new Error('Prometheus has not started');
    return this.#client;
  }

  #file(name: string): string {
    return path.join(this.#options.dir, name);
  }

  async start(): Promise<void> {
    const dir = this.#options.dir;
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await writeFile(
      this.#file('postgres-queries.yml'),
      JSON.stringify(exporterQueries(this.#options.longTransactionSeconds), null, 2),
    );
    this.#ports = {
      prometheus: this.#options.port || (await freePort()),
      process: await freePort(),
      node: await freePort(),
    };
    // A port picked free can be taken by another program before the daemon binds it (several emulators start
    // side by side in the tests): the daemon then fails to start, and starts again on another port.
    await Promise.all([
      startingAgain(
        () => this.#startNodeExporter(),
        async () => {
          this.#ports.node = await freePort();
        },
      ),
      startingAgain(
        async () => {
          await this.#reconcile();
        },
        async () => {
          this.#ports.process = await freePort();
        },
      ),
    ]);
    await startingAgain(
      () => this.#startPrometheus(),
      async () => {
        if (this.#options.port) throw new Error(`prometheus could not listen on ${this.#options.port}`);
        this.#ports.prometheus = await freePort();
      },
    );
    const url = `http://127.0.0.1:${this.#ports.prometheus}`;
    this.#client = new PrometheusClient(url);
    this.#options.log?.(`prometheus: ${url}, history in ${path.join(dir, 'data')}`);
    this.#timer = setInterval(() => void this.sync(), this.#options.scrapeSeconds * 1000);
    this.#timer.unref();
  }

  #startNodeExporter(): Promise<void> {
    this.#nodeExporter = new SupervisedProcess(
      'node-exporter',
      binaries.node,
      [
        `--web.listen-address=127.0.0.1:${this.#ports.node}`,
        '--collector.disable-defaults',
        '--collector.filesystem',
      ],
      { logFile: this.#file('node-exporter.log') },
    );
    return this.#nodeExporter.start(`http://127.0.0.1:${this.#ports.node}/metrics`);
  }

  #startPrometheus(): Promise<void> {
    const url = `http://127.0.0.1:${this.#ports.prometheus}`;
    const dataPath = path.join(this.#options.dir, 'data');
    this.#prometheus = new SupervisedProcess(
      'prometheus',
      binaries.prometheus,
      [
        `--config.file=${this.#file('prometheus.yml')}`,
        `--storage.tsdb.path=${dataPath}`,
        `--storage.tsdb.retention.time=${this.#options.retentionDays}d`,
        `--web.listen-address=127.0.0.1:${this.#ports.prometheus}`,
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
      { logFile: this.#file('prometheus.log') },
    );
    // Ours, not another emulator's Prometheus on the port: its flags name our data directory.
    return this.#prometheus.start(`${url}/api/v1/status/flags`, 120_000, async (response) => {
      const flags = (await response.json()) as { data?: Record<string, string> };
      return flags.data?.['storage.tsdb.path'] === dataPath;
    });
  }

  /** Follows the list of servers now (exporters started and stopped, Prometheus reloaded when it changed). */
  sync(): Promise<void> {
    this.#sync = this.#sync
      .then(async () => {
        if (this.#closed) return;
        if (await this.#reconcile()) {
          await fetch(`${this.client.url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
        }
      })
      .catch((error: unknown) => {
        console.error(
          'prometheus: following the servers failed',
          error instanceof Error ? error.message : error,
        );
      });
    return this.#sync;
  }

  /** Brings exporters and configuration in line with the servers; true when the configuration changed. */
  async #reconcile(): Promise<boolean> {
    const servers = await this.#options.servers();
    const gone = [...this.#exporters.values()].filter((exporter) => {
      const now = servers.find((s) => s.address === exporter.server.address);
      return !now || !sameServer(now, exporter.server);
    });
    await Promise.all(gone.map((exporter) => exporter.process.stop()));
    for (const exporter of gone) this.#exporters.delete(exporter.server.address);
    const added = await Promise.all(
      servers.filter((s) => !this.#exporters.has(s.address)).map((s) => this.#exporter(s)),
    );
    for (const exporter of added) this.#exporters.set(exporter.server.address, exporter);
    if (gone.length === 0 && added.length === 0 && this.#processExporter?.isRunning) return false;

    await this.#processExporter?.stop();
    await writeFile(this.#file('process-exporter.yml'), JSON.stringify(processExporterConfig(servers)));
    this.#processExporter = new SupervisedProcess(
      'process-exporter',
      binaries.process,
      [
        `-config.path=${this.#file('process-exporter.yml')}`,
        `-web.listen-address=127.0.0.1:${this.#ports.process}`,
      ],
      { logFile: this.#file('process-exporter.log') },
    );
    try {
      await Promise.all([
        this.#processExporter.start(`http://127.0.0.1:${this.#ports.process}/metrics`),
        ...added.map((e) => e.process.start(`http://127.0.0.1:${e.exporterPort}/`)),
      ]);
    } catch (error) {
      // Forgotten, so the next round of following the servers starts them again.
      await Promise.all(added.map((e) => e.process.stop()));
      for (const exporter of added) this.#exporters.delete(exporter.server.address);
      throw error;
    }

    const scraped: ScrapedServer[] = [...this.#exporters.values()].map((e) => ({
      address: e.server.address,
      exporterPort: e.exporterPort,
    }));
    await writeFile(
      this.#file('prometheus.yml'),
      JSON.stringify(
        prometheusConfig({
          scrapeSeconds: this.#options.scrapeSeconds,
          servers: scraped,
          processExporterPort: this.#ports.process,
          nodeExporterPort: this.#ports.node,
        }),
        null,
        2,
      ),
    );
    return true;
  }

  /** A PostgreSQL exporter for `server`, on a port of its own, not started yet. */
  async #exporter(server: MonitoredServer): Promise<Exporter> {
    const exporterPort = await freePort();
    const dsn = new URL('postgresql://');
    dsn.hostname = server.host;
    dsn.port = String(server.port);
    dsn.username = server.user;
    dsn.password = server.password;
    dsn.pathname = `/${server.database}`;
    dsn.searchParams.set('sslmode', 'disable');
    dsn.searchParams.set('application_name', 'dbmind_exporter');
    const process = new SupervisedProcess(
      `postgres-exporter ${server.address}`,
      binaries.postgres,
      [
        `--web.listen-address=127.0.0.1:${exporterPort}`,
        `--extend.query-path=${this.#file('postgres-queries.yml')}`,
        // Only DBMind's own query and pg_up: a scrape stays one short query, quick even on a busy machine.
        '--disable-default-metrics',
        '--disable-settings-metrics',
        '--no-collector.database',
        '--no-collector.bgwriter',
        '--log.level=error',
      ],
      // The password travels in the environment, which only the emulator's user can read.
      { logFile: this.#file('postgres-exporter.log'), env: { DATA_SOURCE_NAME: dsn.toString() } },
    );
    return { server, exporterPort, process };
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#sync;
    await this.#prometheus?.stop();
    await Promise.all([...this.#exporters.values()].map((e) => e.process.stop()));
    this.#exporters.clear();
    await this.#processExporter?.stop();
    await this.#nodeExporter?.stop();
  }
}
