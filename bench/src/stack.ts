import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { passwordTokenRequest, tokenResponseSchema } from '@dws-console/shared';
import { Agent, fetch } from 'undici';
import { root, startTs, waitForHttps, type Service } from './processes.ts';

/** The emulator and the BFF, each in its own process as in production, on the bench's own ports. */
export interface BenchStack {
  dataDir: string;
  cloudUrl: string;
  dbmindUrl: string;
  bffUrl: string;
  /** DBMind's Prometheus, which the emulator runs (plain HTTP on loopback). */
  prometheusUrl: string;
  ports: {
    bff: number;
    cloud: number;
    dbmind: number;
    plainProxy: number;
    nginx: number;
    sseSource: number;
    sseBff: number;
    iamBff: number;
    plainProxyKeepAlive: number;
    webBff: number;
    fakeDws: number;
    profiledBff: number;
    sseNginx: number;
    sseNodePeer: number;
    capacitySource: number;
    capacitySingle: number;
    capacityRedis: number;
    capacityConsole1: number;
    capacityConsole2: number;
    capacityNginx: number;
    peerAppBff: number;
    prometheus: number;
  };
  pki: {
    ca: string;
    serverCert: string;
    serverKey: string;
    clientCert: string;
    clientKey: string;
    clientPass: string;
  };
  token: string;
  projectId: string;
  cookie: string;
  services: Service[];
  stop(): Promise<void>;
}

/**
 * Simulated provisioning waits are divided by this (a creation waits 30 s at speed 1, 0.3 s here), so the
 * emulator figures are mostly the real PostgreSQL work; the daily automated snapshot comes every 14.4 min.
 */
export const emulatorSpeed = 100;

export const credentials = { domain: 'demo', username: 'admin', password: 'Admin@12345', project: 'ae-ad-1' };

/** The production build of the BFF when there is one, as it runs in production; its source otherwise. */
export function bffEntry(): string {
  return existsSync(path.join(root, 'bff', 'dist', 'main.js')) ? 'bff/dist/main.js' : 'bff/src/main.ts';
}

/** A BFF process as `npm start` runs it, against the given upstreams. */
export async function startBff(options: {
  dataDir: string;
  pki: BenchStack['pki'];
  port: number;
  cloudUrl: string;
  /** IAM is the emulator's unless a counting pass-through stands in front of it. */
  iamUrl?: string;
  dbmindUrl: string;
  /** Another DWS upstream than the emulator's, for answers the emulator cannot give (IAM stays on `cloudUrl`). */
  dwsUrl?: string;
  log: (line: string) => void;
  name?: string;
  /** Another built web app than the console's (the minimal peer app). */
  webDist?: string;
  /** Options for Node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<Service> {
  const { pki } = options;
  const bff = startTs(
    options.name ?? 'bff',
    bffEntry(),
    {
      ...process.env,
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      TLS_CERT: pki.serverCert,
      TLS_KEY: pki.serverKey,
      IAM_ENDPOINT: options.iamUrl ?? options.cloudUrl,
      DWS_ENDPOINT: options.dwsUrl ?? options.cloudUrl,
      DBMIND_ENDPOINT: options.dbmindUrl,
      UPSTREAM_CA: pki.ca,
      DBMIND_CLIENT_CERT: pki.clientCert,
      DBMIND_CLIENT_KEY: pki.clientKey,
      DBMIND_CLIENT_KEY_PASSPHRASE_FILE: pki.clientPass,
      LOG_LEVEL: 'warn',
      ...(options.webDist ? { WEB_DIST: options.webDist } : {}),
      ...options.env,
    },
    options.log,
    options.nodeArgs,
  );
  await waitForHttps(`https://127.0.0.1:${options.port}/healthz`, bff.child);
  return bff;
}

/** Logs in through a BFF and returns the session cookie. */
export async function logInThrough(bffUrl: string, ca: Buffer): Promise<string> {
  const dispatcher = new Agent({ connect: { ca } });
  try {
    const login = await fetch(`${bffUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      body: JSON.stringify(credentials),
      dispatcher,
    });
    if (login.status !== 201) throw new Error(`log-in through the BFF failed: HTTP ${login.status}`);
    return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  } finally {
    await dispatcher.close();
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Below Linux's ephemeral range (32768-60999), so the thousands of connections the bench opens never take one.
 * `BENCH_PORTS=30000-30999` moves it, so two runs on one machine (or tests that use 31000-31999) do not collide.
 */
export function portRange(setting = process.env.BENCH_PORTS): { first: number; size: number } {
  if (!setting) return { first: 31000, size: 1000 };
  const match = /^(\d+)-(\d+)$/.exec(setting.trim());
  const [first, last] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(first >= 1024 && last >= first + 20 && last < 32768))
    throw new Error(
      `BENCH_PORTS=${setting}: expected FIRST-LAST, from 1024 up to below 32768 (the ephemeral range), at least 21 ports`,
    );
  return { first, size: last - first + 1 };
}

/**
 * Ports in the bench's range that nothing listens on now, from a random place in that range: other work on a
 * shared machine may use the same range, so no fixed port is safe.
 */
async function freePorts(count: number): Promise<number[]> {
  const range = portRange();
  const start = Math.floor(Math.random() * range.size);
  const found: number[] = [];
  for (let i = 0; i < range.size && found.length < count; i += 1) {
    const port = range.first + ((start + i) % range.size);
    if (await isFree(port)) found.push(port);
  }
  if (found.length < count)
    throw new Error(`not enough free ports in ${range.first}-${range.first + range.size - 1}`);
  return found;
}

export async function startStack(log: (line: string) => void): Promise<BenchStack> {
  const dataDir = path.join(root, '.data', 'bench');
  await rm(dataDir, { recursive: true, force: true });
  const names = [
    'bff',
    'cloud',
    'dbmind',
    'plainProxy',
    'nginx',
    'sseSource',
    'sseBff',
    'iamBff',
    'plainProxyKeepAlive',
    'webBff',
    'fakeDws',
    'profiledBff',
    'sseNginx',
    'sseNodePeer',
    'capacitySource',
    'capacitySingle',
    'capacityRedis',
    'capacityConsole1',
    'capacityConsole2',
    'capacityNginx',
    'peerAppBff',
    'prometheus',
  ] as const satisfies readonly (keyof BenchStack['ports'])[];
  const found = await freePorts(names.length);
  const ports = Object.fromEntries(names.map((name, i) => [name, found[i]])) as BenchStack['ports'];
  const pkiDir = path.join(dataDir, 'pki');
  const pki = {
    ca: path.join(pkiDir, 'ca.crt'),
    serverCert: path.join(pkiDir, 'server.crt'),
    serverKey: path.join(pkiDir, 'server.key'),
    clientCert: path.join(pkiDir, 'client.crt'),
    clientKey: path.join(pkiDir, 'client.key'),
    clientPass: path.join(pkiDir, 'client.pass'),
  };
  const cloudUrl = `https://127.0.0.1:${ports.cloud}`;
  const dbmindUrl = `https://127.0.0.1:${ports.dbmind}`;
  const bffUrl = `https://127.0.0.1:${ports.bff}`;

  const emulator = startTs(
    'emulator',
    'emulator/dist/main.js',
    {
      ...process.env,
      DATA_DIR: dataDir,
      EMULATOR_PORT: String(ports.cloud),
      EMULATOR_DBMIND_PORT: String(ports.dbmind),
      EMULATOR_SPEED: String(emulatorSpeed),
      // No demo data or traffic: nothing runs in the emulator but what is measured, and Prometheus's scrapes at
      // its own default pace (the monitoring section draws what they stored).
      EMULATOR_DBMIND_DEMO_DATA: 'off',
      EMULATOR_DBMIND_SAMPLE_SECONDS: '15',
      EMULATOR_PROMETHEUS_PORT: String(ports.prometheus),
    },
    log,
  );
  const services: Service[] = [emulator];
  const stop = async () => {
    for (const service of [...services].reverse()) await service.stop();
  };
  try {
    await waitForHttps(`${cloudUrl}/`, emulator.child, 120_000);
    const bff = await startBff({ dataDir, pki, port: ports.bff, cloudUrl, dbmindUrl, log });
    services.push(bff);

    const dispatcher = new Agent({ connect: { ca: await readFile(pki.ca) } });
    const iam = await fetch(`${cloudUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(passwordTokenRequest(credentials)),
      dispatcher,
    });
    const token = iam.headers.get('X-Subject-Token') ?? '';
    const { token: info } = tokenResponseSchema.parse(await iam.json());
    await dispatcher.close();
    const cookie = await logInThrough(bffUrl, await readFile(pki.ca));
    return {
      dataDir,
      cloudUrl,
      dbmindUrl,
      bffUrl,
      prometheusUrl: `http://127.0.0.1:${ports.prometheus}`,
      ports,
      pki,
      token,
      projectId: info.project.id,
      cookie,
      services,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
