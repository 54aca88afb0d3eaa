import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCloudApp, createDbmindApp } from './app.ts';
import type { EmulatorConfig } from './config.ts';
import { createDbmind, dbmindOptionsFrom, type DbmindOptions } from './dbmind/create-dbmind.ts';
import { staticManagedInstances, type ManagedInstances } from './dbmind/managed-instances.ts';
import { ClusterStore } from './dws/cluster-store.ts';
import { loadDirectory } from './iam/directory.ts';
import { TokenService } from './iam/tokens.ts';
import { ensurePki } from './pki/pki.ts';

export interface RunningEmulator {
  cloudUrl: string;
  dbmindUrl: string;
  close(): Promise<void>;
}

async function signingKey(file: string): Promise<Buffer> {
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch {
    const key = randomBytes(32);
    await writeFile(file, key.toString('base64url'), { mode: 0o600 });
    return key;
  }
}

function listen(server: https.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface EmulatorOptions {
  /** The databases DBMind manages; none until the DWS clusters are wired in. */
  managedInstances?: ManagedInstances;
  /** Overrides of DBMind's settings (tests shorten thresholds and drive the sampler). */
  dbmind?: Partial<Omit<DbmindOptions, 'instances' | 'stateDir'>>;
}

/** Starts IAM + DWS on one HTTPS port and DBMind on a mutual-TLS port. Port 0 picks free ports (tests). */
export async function startEmulator(
  config: EmulatorConfig,
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const stateDir = path.join(config.DATA_DIR, 'emulator');
  await mkdir(stateDir, { recursive: true });
  const { files } = await ensurePki(path.join(config.DATA_DIR, 'pki'));
  const [ca, cert, key] = await Promise.all([
    readFile(files.ca),
    readFile(files.serverCert),
    readFile(files.serverKey),
  ]);

  const directory = await loadDirectory(config.EMULATOR_IAM_CONFIG);
  const tokens = new TokenService({ key: await signingKey(path.join(stateDir, 'iam.key')), directory });
  const clusters = new ClusterStore(stateDir);
  await clusters.load();

  const dbmindService = await createDbmind({
    ...dbmindOptionsFrom(config, path.join(stateDir, 'dbmind')),
    ...options.dbmind,
    instances: options.managedInstances ?? staticManagedInstances(),
  });

  const cloud = https.createServer({ cert, key }, createCloudApp({ directory, tokens, clusters }));
  // DBMind only talks to clients holding a certificate from the development CA.
  const dbmind = https.createServer(
    { cert, key, ca, requestCert: true, rejectUnauthorized: true },
    createDbmindApp(dbmindService.services),
  );
  const cloudPort = await listen(cloud, config.EMULATOR_HOST, config.EMULATOR_PORT);
  const dbmindPort = await listen(dbmind, config.EMULATOR_HOST, config.EMULATOR_DBMIND_PORT);

  return {
    cloudUrl: `https://${config.EMULATOR_HOST}:${cloudPort}`,
    dbmindUrl: `https://${config.EMULATOR_HOST}:${dbmindPort}`,
    async close() {
      await Promise.all([closeServer(cloud), closeServer(dbmind)]);
      await dbmindService.close();
    },
  };
}
