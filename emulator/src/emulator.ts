import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tlsServerProfile } from '@dws-console/shared';
import { createCloudApp, createDbmindApp } from './app.ts';
import type { EmulatorConfig } from './config.ts';
import { TraceStore } from './cts/trace-store.ts';
import { createDbmind, dbmindOptionsFrom, type DbmindOptions } from './dbmind/create-dbmind.ts';
import type { DbmindServices } from './dbmind/interaction/services.ts';
import type { ManagedInstances } from './dbmind/managed-instances.ts';
import type { ManagedClusterDirectory } from './dws/cluster-service.ts';
import { createDws } from './dws/create-dws.ts';
import { demoProjectId } from './dws/demo-cluster.ts';
import { loadDirectory } from './iam/directory.ts';
import { RevocationList, TokenService } from './iam/tokens.ts';
import { ensurePki } from './pki/pki.ts';
import { resolveRunAs } from './postgres/run-as.ts';

export interface RunningEmulator {
  cloudUrl: string;
  dbmindUrl: string;
  /** DBMind's Prometheus, where the metric history is (plain HTTP on 127.0.0.1). */
  prometheusUrl: string;
  /** The managed clusters' servers and administrators, for the DBMind side. */
  managedClusters: ManagedClusterDirectory;
  /** DBMind's state (its samples and alarms), for tests that watch it follow the servers. */
  dbmind: DbmindServices;
  /** What the daily automated snapshot does, on demand. */
  takeAutomatedSnapshot(projectId: string, clusterId: string): Promise<string>;
  /** Stops listening, interrupts running tasks (resumed at the next start) and stops every PostgreSQL server. */
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** The clock tokens and timestamps use (tests move it). */
  now?: () => number;
  log?: (message: string) => void;
  /** The databases DBMind manages; by default every DWS cluster of the emulator that has a server. */
  managedInstances?: ManagedInstances;
  /** Overrides of DBMind's settings (tests shorten thresholds and drive the sampler). */
  dbmind?: Partial<Omit<DbmindOptions, 'instances' | 'stateDir'>>;
}

/**
 * DBMind manages the emulator's own DWS clusters, each a PostgreSQL server. It is told where they are, never their
 * DWS status: whether a server answers, is read-only or full is what DBMind's own sampling finds.
 */
export function dwsManagedInstances(clusters: ManagedClusterDirectory): ManagedInstances {
  return {
    list: () =>
      Promise.resolve(
        clusters.list().map((cluster) => ({
          clusterId: cluster.id,
          name: cluster.name,
          projectId: cluster.projectId,
          host: cluster.host,
          port: cluster.port,
          adminUser: cluster.user,
          adminPassword: cluster.password,
          database: cluster.database,
        })),
      ),
  };
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
  const tokens = new TokenService({
    key: await signingKey(path.join(stateDir, 'iam.key')),
    directory,
    revoked: await RevocationList.open(path.join(stateDir, 'iam-revoked.json')),
    ...(options.now ? { now: options.now } : {}),
  });
  const dws = await createDws({
    stateDir,
    postgres: {
      binDir: config.EMULATOR_PG_BIN,
      runAs: await resolveRunAs(),
      fsync: config.EMULATOR_PG_FSYNC === 'on',
    },
    speed: config.EMULATOR_SPEED,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const dbmindService = await createDbmind({
    ...dbmindOptionsFrom(config, path.join(stateDir, 'dbmind'), demoProjectId(directory)),
    ...options.dbmind,
    instances: options.managedInstances ?? dwsManagedInstances(dws.clusters),
  });

  const traces = await TraceStore.open(path.join(stateDir, 'cts'), options.now);

  const cloud = https.createServer(
    { ...tlsServerProfile, cert, key },
    createCloudApp({
      directory,
      tokens,
      dws,
      traces,
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
    }),
  );
  // DBMind only talks to clients holding a certificate from the development CA.
  const dbmind = https.createServer(
    { ...tlsServerProfile, cert, key, ca, requestCert: true, rejectUnauthorized: true },
    createDbmindApp(dbmindService.services),
  );
  try {
    const cloudPort = await listen(cloud, config.EMULATOR_HOST, config.EMULATOR_PORT);
    const dbmindPort = await listen(dbmind, config.EMULATOR_HOST, config.EMULATOR_DBMIND_PORT);
    return {
      cloudUrl: `https://${config.EMULATOR_HOST}:${cloudPort}`,
      dbmindUrl: `https://${config.EMULATOR_HOST}:${dbmindPort}`,
      prometheusUrl: dbmindService.prometheusUrl,
      managedClusters: dws.clusters,
      dbmind: dbmindService.services,
      takeAutomatedSnapshot: (projectId, clusterId) =>
        dws.snapshots.takeAutomatedSnapshot(projectId, clusterId),
      async close() {
        await Promise.all([closeServer(cloud), closeServer(dbmind)]);
        await dbmindService.close();
        await dws.close();
        await traces.close();
      },
    };
  } catch (error) {
    // Never leave servers behind when the ports cannot be had.
    await Promise.all([closeServer(cloud), closeServer(dbmind)]);
    await dbmindService.close();
    await dws.close();
    throw error;
  }
}
