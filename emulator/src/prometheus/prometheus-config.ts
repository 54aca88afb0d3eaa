/** One scraped PostgreSQL server: DBMind's address for it and the port of the exporter that reads it. */
export interface ScrapedServer {
  address: string;
  exporterPort: number;
}

export interface PrometheusConfigInput {
  scrapeSeconds: number;
  servers: ScrapedServer[];
  processExporterPort: number;
  nodeExporterPort: number;
}

/**
 * Prometheus's configuration (JSON, which is YAML). Each PostgreSQL exporter's series carry the server's DBMind
 * address as `instance`, so a query names the server, never the exporter's port, which changes at each start.
 */
export function prometheusConfig(input: PrometheusConfigInput): unknown {
  const interval = `${input.scrapeSeconds}s`;
  return {
    global: {
      scrape_interval: interval,
      // A scrape that takes longer than the interval would overlap the next one.
      scrape_timeout: interval,
    },
    scrape_configs: [
      {
        job_name: 'postgres',
        static_configs: input.servers.map((server) => ({
          targets: [`127.0.0.1:${server.exporterPort}`],
          labels: { instance: server.address },
        })),
      },
      { job_name: 'process', static_configs: [{ targets: [`127.0.0.1:${input.processExporterPort}`] }] },
      { job_name: 'node', static_configs: [{ targets: [`127.0.0.1:${input.nodeExporterPort}`] }] },
    ],
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The process exporter's groups: a server's postmaster with every backend it forks (the exporter's `-children`,
 * on by default). The postmaster is found by its data directory when DBMind knows it, else by the port the
 * emulator puts on its command line.
 */
export function processExporterConfig(
  servers: { address: string; port: number; dataDirectory?: string }[],
): unknown {
  return {
    process_names: servers.map((server) => ({
      name: server.address,
      cmdline: [
        server.dataDirectory
          ? `^\\S*postgres -D ${escapeRegExp(server.dataDirectory)}( |$)`
          : `^\\S*postgres -D .* -c port=${server.port}( |$)`,
      ],
    })),
  };
}
