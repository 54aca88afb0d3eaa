import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, fetch } from 'undici';
import { expect } from 'vitest';
import { loadEmulatorConfig } from '../config.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator.ts';
import { copyTraceStore, openTestLog, rememberSecrets, secretsInBody } from './test-run.ts';

export const projects = {
  one: { id: '89cd04f168b84af6be287f71730fdb4b', name: 'ae-ad-1' },
  two: { id: '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e', name: 'ae-ad-2' },
} as const;

export const users = {
  admin: { name: 'admin', password: 'Admin@12345' },
  viewer: { name: 'viewer', password: 'Viewer@12345' },
  /** Added for the tests: a user with no DWS action at all. */
  guest: { name: 'guest', password: 'Guest@12345' },
} as const;

const shippedIamConfig = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/iam.json');

/** A data directory for one test file; PostgreSQL's user must be able to pass through it. */
export async function makeDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `emulator-${prefix}-`));
  await chmod(dir, 0o711);
  return dir;
}

/** The shipped users and projects, plus `guest` who may do nothing. */
async function writeIamConfig(dataDir: string): Promise<string> {
  const config = JSON.parse(await readFile(shippedIamConfig, 'utf8')) as {
    domains: { users: { id: string; name: string; password: string; roles: string[] }[] }[];
  };
  config.domains[0]?.users.push({
    id: 'e1b2c3d4f5a6478990a1b2c3d4e5f6ff',
    name: users.guest.name,
    password: users.guest.password,
    roles: [],
  });
  const file = path.join(dataDir, 'iam.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

export interface TestEmulator extends RunningEmulator {
  dataDir: string;
  dispatcher: Agent;
}

/** Starts an emulator on free ports with fsync off (tests only); `speed` shortens the simulated waits. */
export async function startTestEmulator(
  dataDir: string,
  settings: { speed?: number; pgBin?: string } = {},
  options: EmulatorOptions = {},
): Promise<TestEmulator> {
  const config = loadEmulatorConfig({
    DATA_DIR: dataDir,
    EMULATOR_PORT: '0',
    EMULATOR_DBMIND_PORT: '0',
    EMULATOR_SPEED: String(settings.speed ?? 100),
    EMULATOR_PG_FSYNC: 'off',
    EMULATOR_IAM_CONFIG: await writeIamConfig(dataDir),
    ...(settings.pgBin ? { EMULATOR_PG_BIN: settings.pgBin } : {}),
  });
  const log = openTestLog('emulator');
  const emulator = await startEmulator(config, {
    ...options,
    log: (message) => {
      log.write(`emulator: ${message}\n`);
      options.log?.(message);
    },
  });
  const dispatcher = new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } });
  return {
    ...emulator,
    dataDir,
    dispatcher,
    async close() {
      await emulator.close();
      await dispatcher.close();
      await log.close();
      await copyTraceStore(dataDir);
    },
  };
}

export async function removeDataDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  requestId: string | null;
}

/** A DWS client as a user of the API would write it: a token, JSON in, JSON out. */
export class DwsClient {
  constructor(
    readonly emulator: TestEmulator,
    readonly token: string,
    readonly projectId: string,
  ) {}

  static async login(
    emulator: TestEmulator,
    user: { name: string; password: string },
    project: { id: string; name: string } = projects.one,
  ): Promise<DwsClient> {
    rememberSecrets(user.password);
    const response = await fetch(`${emulator.cloudUrl}/v3/auth/tokens`, {
      method: 'POST',
      dispatcher: emulator.dispatcher,
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: user.name, password: user.password, domain: { name: 'demo' } } },
          },
          scope: { project: { name: project.name } },
        },
      }),
    });
    if (response.status !== 201) throw new Error(`login of ${user.name} failed: ${response.status}`);
    return new DwsClient(emulator, response.headers.get('X-Subject-Token') ?? '', project.id);
  }

  /** `path` is relative to `/v1.0/{project_id}` unless it starts with `/v`. */
  async call<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const url = route.startsWith('/v')
      ? `${this.emulator.cloudUrl}${route}`
      : `${this.emulator.cloudUrl}/v1.0/${this.projectId}${route}`;
    rememberSecrets(this.token, ...secretsInBody(body));
    const response = await fetch(url, {
      method,
      dispatcher: this.emulator.dispatcher,
      headers: { 'X-Auth-Token': this.token, 'Content-Type': 'application/json;charset=utf-8' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      requestId: response.headers.get('X-Request-Id'),
    };
  }

  async cluster(id: string): Promise<ClusterView> {
    const answer = await this.call<{ cluster: ClusterView }>('GET', `/clusters/${id}`);
    if (answer.status !== 200)
      throw new Error(`cluster ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.cluster;
  }

  async snapshot(id: string): Promise<SnapshotView> {
    const answer = await this.call<{ snapshot: SnapshotView }>('GET', `/snapshots/${id}`);
    if (answer.status !== 200)
      throw new Error(`snapshot ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.snapshot;
  }

  /** Polls the cluster until `done` says so; every state seen is returned (the last one is the one that matched). */
  async waitForCluster(
    id: string,
    done: (c: ClusterView) => boolean,
    timeoutMs = 90_000,
  ): Promise<ClusterView[]> {
    const seen: ClusterView[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cluster = await this.cluster(id);
      seen.push(cluster);
      if (done(cluster)) return seen;
      if (Date.now() > deadline)
        throw new Error(`cluster ${id} stayed ${cluster.status}/${cluster.task_status}`);
      await sleep(50);
    }
  }

  async waitForSnapshot(
    id: string,
    done: (s: SnapshotView) => boolean,
    timeoutMs = 90_000,
  ): Promise<SnapshotView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.snapshot(id);
      if (done(snapshot)) return snapshot;
      if (Date.now() > deadline) throw new Error(`snapshot ${id} stayed ${snapshot.status}`);
      await sleep(50);
    }
  }

  async waitUntilGone(id: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.call('GET', `/clusters/${id}`)).status !== 404) {
      if (Date.now() > deadline) throw new Error(`cluster ${id} was not deleted`);
      await sleep(50);
    }
  }
}

export interface ClusterView {
  id: string;
  name: string;
  status: string;
  task_status: string | null;
  action_progress: Record<string, string> | null;
  number_of_node: number;
  number_of_cn: number;
  port: number;
  user_name: string;
  version: string;
  endpoints: { connect_info: string; jdbc_url: string }[];
  public_endpoints: { public_connect_info: string; jdbc_url: string }[];
  resize_info: Record<string, unknown> | null;
  failed_reasons: { error_code: string; error_msg: string } | null;
  [key: string]: unknown;
}

export interface SnapshotView {
  id: string;
  name: string;
  status: string;
  type: string;
  size: number | null;
  started: string;
  finished: string | null;
  cluster_id: string;
  description: string;
}

export const isAvailable = (c: ClusterView) => c.status === 'AVAILABLE' && !c.task_status;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A connection to a cluster exactly as a user would open it: the endpoint's host:port and the administrator. */
export async function connect(
  cluster: ClusterView,
  password: string,
  database = 'gaussdb',
  user = cluster.user_name,
): Promise<pg.Client> {
  const endpoint = cluster.endpoints[0]?.connect_info;
  if (!endpoint) throw new Error(`cluster ${cluster.name} has no endpoint`);
  const [host, port] = endpoint.split(':');
  const client = new pg.Client({
    host,
    port: Number(port),
    user,
    password,
    database,
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The body of the seed's quick start (step 3), with the given name. */
export function quickStartCluster(
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    node_type: 'dws.d1.xlarge',
    number_of_node: 3,
    subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
    security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
    vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
    port: 8000,
    name,
    user_name: 'dbadmin',
    user_pwd: 'Dws2017demo!',
    public_ip: { public_bind_type: 'auto_assign' },
    ...extra,
  };
}

/** `expect.stringContaining`, typed: a string that includes `text`. */
export function containing(text: string): unknown {
  return expect.stringContaining(text) as unknown;
}

/** A call to the emulator's loopback control (faults, holds), as `control-cli.ts` makes it. */
export async function control<T = Record<string, unknown>>(
  emulator: TestEmulator,
  method: string,
  route: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${emulator.cloudUrl}/emulator${route}`, {
    method,
    dispatcher: emulator.dispatcher,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    requestId: response.headers.get('X-Request-Id'),
  };
}

/** Holds `task` (of the cluster named `cluster`, or of any) until the returned function releases it. */
export async function holdTask(
  emulator: TestEmulator,
  task: string,
  cluster?: string,
): Promise<{ id: string; waitUntilHeld: () => Promise<void>; release: () => Promise<void> }> {
  const answer = await control<{ id: string }>(emulator, 'POST', '/holds', {
    task,
    ...(cluster ? { cluster } : {}),
  });
  if (answer.status !== 201)
    throw new Error(`hold of ${task}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const { id } = answer.body;
  return {
    id,
    async waitUntilHeld() {
      for (;;) {
        const { body } = await control<{ holds: { id: string; held: unknown[] }[] }>(
          emulator,
          'GET',
          '/holds',
        );
        if (body.holds.find((h) => h.id === id)?.held.length) return;
        await sleep(50);
      }
    },
    async release() {
      await control(emulator, 'DELETE', `/holds/${id}`);
    },
  };
}
