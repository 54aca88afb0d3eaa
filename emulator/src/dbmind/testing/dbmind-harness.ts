import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dbmindEventSchema, type DbmindElement, type DbmindEvent } from '@dws-console/shared';
import { Agent, fetch, type Response } from 'undici';
import { loadEmulatorConfig } from '../../config.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator.ts';
import { pkiFiles } from '../../pki/pki.ts';
import { instanceAddress, type ManagedInstance } from '../managed-instances.ts';
import { openTestLog, rememberSecrets, secretsInBody } from '../../testing/test-run.ts';
import type { TestPostgres } from './postgres-server.ts';

/** The emulator with DBMind managing the given instances, and an HTTPS client holding the development client certificate. */
export interface DbmindHarness {
  emulator: RunningEmulator;
  dataDir: string;
  /** Presents the client certificate (mutual TLS). */
  dispatcher: Agent;
  request(method: string, pathAndQuery: string, body?: unknown): Promise<Response>;
  /** The raw text of a chat stream. */
  chat(body: unknown): Promise<string>;
  /** Registers the instance (with its administrator) and makes it the cluster of every session of `userId`. */
  choose(userId: string, instance: ManagedInstance): Promise<void>;
  close(): Promise<void>;
}

export function managedInstanceOf(
  server: TestPostgres,
  overrides: Partial<ManagedInstance> = {},
): ManagedInstance {
  return {
    clusterId: `cluster-${server.port}`,
    name: `pg-${server.port}`,
    projectId: 'test-project',
    host: server.host,
    port: server.port,
    adminUser: server.user,
    adminPassword: server.password,
    database: 'postgres',
    dataDirectory: server.dataDirectory,
    ...overrides,
  };
}

/** `config`: settings over the harness's own (`EMULATOR_SPEED` for tests that create DWS clusters, ...). */
export async function startDbmindHarness(
  options: EmulatorOptions & { dataDir?: string; config?: Record<string, string> } = {},
): Promise<DbmindHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'dbmind-test-')));
  const log = openTestLog('dbmind');
  const emulator = await startEmulator(
    loadEmulatorConfig({
      DATA_DIR: dataDir,
      EMULATOR_PORT: '0',
      EMULATOR_DBMIND_PORT: '0',
      EMULATOR_DBMIND_DEMO_DATA: 'off',
      ...options.config,
    }),
    {
      ...options,
      log: (message) => {
        log.write(`emulator: ${message}\n`);
        options.log?.(message);
      },
      dbmind: { startSampler: false, ...options.dbmind },
    },
  );
  const files = pkiFiles(path.join(dataDir, 'pki'));
  const [ca, cert, key, passphrase] = await Promise.all([
    readFile(files.ca),
    readFile(files.clientCert),
    readFile(files.clientKey),
    readFile(files.clientPass, 'utf8'),
  ]);
  rememberSecrets(passphrase.trim());
  const dispatcher = new Agent({ connect: { ca, cert, key, passphrase: passphrase.trim() } });
  const request = (method: string, pathAndQuery: string, body?: unknown) => {
    rememberSecrets(...secretsInBody(body));
    return fetch(`${emulator.dbmindUrl}${pathAndQuery}`, {
      method,
      headers: { accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      dispatcher,
    });
  };
  return {
    emulator,
    dataDir,
    dispatcher,
    request,
    async chat(body) {
      const response = await request('POST', '/v1/api/app/intelligent-interaction', body);
      return response.text();
    },
    async choose(userId, instance) {
      const address = instanceAddress(instance);
      const registered = await request('POST', '/v1/api/clusters/register', {
        cluster_name: instance.name,
        host: instance.host,
        port: instance.port,
        username: instance.adminUser,
        password: instance.adminPassword,
      });
      const { data } = (await registered.json()) as { data: { status: number } };
      if (data.status !== 0) throw new Error(`cannot register ${address}: ${JSON.stringify(data)}`);
      const query = new URLSearchParams({ instance: address, user_id: userId, session_id: 'choose' });
      const chosen = (await (await request('PUT', `/v1/api/clusters?${query.toString()}`)).json()) as {
        data: boolean;
      };
      if (!chosen.data) throw new Error(`cannot choose ${address} for ${userId}`);
    },
    async close() {
      await emulator.close();
      await dispatcher.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      await log.close();
    },
  };
}

/** Splits a chat stream into its events, checking the framing (`data:` + JSON + blank line) on the way. */
export function parseStream(text: string): DbmindEvent[] {
  if (!text.endsWith('\n\n'))
    throw new Error(`the stream does not end with a blank line: ${JSON.stringify(text.slice(-80))}`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((chunk) => {
      if (!chunk.startsWith('data:') || chunk.includes('\n'))
        throw new Error(`not an event: ${JSON.stringify(chunk)}`);
      return dbmindEventSchema.parse(JSON.parse(chunk.slice('data:'.length)));
    });
}

/** All elements of a stream, in order. */
export function elementsOf(events: DbmindEvent[]): DbmindElement[] {
  return events.flatMap((e) => (e.success ? e.data : []));
}

/** The text of every `str` and `progress` element, for readable assertions. */
export function textsOf(events: DbmindEvent[]): string[] {
  return elementsOf(events)
    .filter(
      (e): e is DbmindElement & { content: string } =>
        typeof (e as { content?: unknown }).content === 'string',
    )
    .map((e) => e.content);
}
