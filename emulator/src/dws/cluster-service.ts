import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  checkNewPassword,
  defaultNumberOfCn,
  dwsErrors,
  dwsRules,
  type CreateClusterInfo,
  type CreateSnapshotInfo,
  type RestoreInfo,
} from '@dws-console/shared';
import {
  directorySize,
  isCompleteSnapshot,
  partialDir,
  restoreSnapshot,
  writeSnapshot,
} from '../postgres/dumps.ts';
import { freePort, isPortFree } from '../postgres/ports.ts';
import { PortInUseError, PostgresServer, type PostgresSettings } from '../postgres/server.ts';
import { clusterHost, defaultDatabase, dwsTime } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import { findNodeType } from './node-type-catalogue.ts';
import { AbortedError, demoDurations, Pacer } from './pacer.ts';
import {
  StateStore,
  type ClusterFields,
  type ClusterRecord,
  type Operation,
  type PublicIp,
  type SnapshotRecord,
  type SnapshotSource,
} from './state-store.ts';

export interface ClusterServiceOptions {
  /** `DATA_DIR/emulator`: metadata, clusters' data directories and snapshots live below it. */
  stateDir: string;
  postgres: PostgresSettings;
  speed: number;
  now?: () => number;
  log?: (message: string) => void;
}

/** The project a request acts in. Its availability zones are named after it, as the seed's `ae-ad-1`. */
export interface ProjectScope {
  projectId: string;
  projectName: string;
}

/** How a DBMind module reaches a managed cluster: a real server and its administrator. */
export interface ManagedCluster {
  id: string;
  projectId: string;
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface ManagedClusterDirectory {
  /** Clusters that are AVAILABLE with a running server. */
  list(): ManagedCluster[];
  find(clusterId: string): ManagedCluster | undefined;
}

const dayMs = 24 * 60 * 60 * 1000;

export function zonesOf(scope: ProjectScope): string[] {
  return [scope.projectName];
}

function hashPassword(password: string, salt = randomBytes(8).toString('hex')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}

function matchesHash(hash: string, password: string): boolean {
  const [salt] = hash.split('$');
  return salt !== undefined && hashPassword(password, salt) === hash;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The emulated DWS: every cluster a PostgreSQL server, every snapshot a set of pg_dump archives. Tasks run in the
 * background one at a time per cluster; each is written down before it starts, so `start()` after a crash can
 * resume it or mark it failed.
 */
export class ClusterService implements ManagedClusterDirectory {
  readonly #store: StateStore;
  readonly #clustersDir: string;
  readonly #snapshotsDir: string;
  readonly #pacer: Pacer;
  readonly #now: () => number;
  readonly #log: (message: string) => void;
  readonly #servers = new Map<string, PostgresServer>();
  readonly #tasks = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #scheduler: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(readonly options: ClusterServiceOptions) {
    this.#store = new StateStore(options.stateDir);
    this.#clustersDir = path.join(options.stateDir, 'clusters');
    this.#snapshotsDir = path.join(options.stateDir, 'snapshots');
    this.#pacer = new Pacer(options.speed);
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((message) => console.log(`emulator: ${message}`));
  }

  // --- life cycle ---------------------------------------------------------------------------------------------

  /** Loads the metadata, stops servers a killed emulator left behind, and brings every cluster to a known state. */
  async start(): Promise<void> {
    await this.#store.load();
    await mkdir(this.#clustersDir, { recursive: true });
    await mkdir(this.#snapshotsDir, { recursive: true, mode: 0o700 });
    // PostgreSQL runs as its own user: it must pass through these directories to reach its data directory.
    for (const dir of [path.dirname(this.options.stateDir), this.options.stateDir, this.#clustersDir]) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o777) | 0o011);
    }
    await this.#checkReachable(this.#clustersDir);
    await this.#removeOrphans();
    for (const record of [...this.#store.clusters]) {
      try {
        await this.#recover(record);
      } catch (error) {
        this.#log(`cluster ${record.fields.id} could not be recovered: ${reason(error)}`);
        this.#markUnavailable(record, error);
      }
    }
    await this.#store.save();
    const period = dayMs / this.options.speed;
    this.#scheduler = setInterval(
      () => void this.#takeDueAutomatedSnapshots(period),
      Math.min(60_000, period / 4),
    );
    this.#scheduler.unref();
  }

  /** Interrupts running tasks (they are resumed or failed at the next start) and stops every server. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#scheduler) clearInterval(this.#scheduler);
    for (const task of this.#tasks.values()) task.controller.abort();
    await Promise.all([...this.#tasks.values()].map((task) => task.done));
    await Promise.all([...this.#servers.values()].map((server) => server.stop()));
    await this.#store.save();
  }

  // --- reading ------------------------------------------------------------------------------------------------

  listClusters(projectId: string): ClusterRecord[] {
    return this.#store.clusters.filter((c) => c.projectId === projectId);
  }

  getCluster(projectId: string, id: string): ClusterRecord {
    const record = this.#store.clusters.find((c) => c.projectId === projectId && c.fields.id === id);
    if (!record) throw DwsError.of(dwsErrors.clusterNotFound);
    return record;
  }

  listSnapshots(projectId: string): SnapshotRecord[] {
    return this.#store.snapshots.filter((s) => s.projectId === projectId);
  }

  getSnapshot(projectId: string, id: string): SnapshotRecord {
    const record = this.#store.snapshots.find((s) => s.projectId === projectId && s.fields.id === id);
    if (!record) throw DwsError.of(dwsErrors.snapshotNotFound);
    return record;
  }

  list(): ManagedCluster[] {
    return this.#store.clusters.flatMap((record) => {
      const managed = this.find(record.fields.id);
      return managed ? [managed] : [];
    });
  }

  find(clusterId: string): ManagedCluster | undefined {
    const record = this.#store.clusters.find((c) => c.fields.id === clusterId);
    const port = record?.local.port;
    if (!record || port == null || record.fields.status !== 'AVAILABLE') return undefined;
    if (!this.#servers.get(clusterId)?.isRunning) return undefined;
    return {
      id: record.fields.id,
      projectId: record.projectId,
      name: record.fields.name,
      host: clusterHost,
      port,
      database: defaultDatabase,
      user: record.fields.user_name,
      password: record.local.adminPassword,
    };
  }

  // --- clusters -----------------------------------------------------------------------------------------------

  async createCluster(scope: ProjectScope, input: CreateClusterInfo): Promise<string> {
    this.#assertOpen();
    const nodeType = findNodeType(input.node_type);
    if (!nodeType) throw DwsError.rule('cluster.node_type', dwsRules.nodeType);
    const zone = this.#zone(scope, input.availability_zone, 'cluster.availability_zone');
    if (nodeType.soldOut) throw DwsError.rule('cluster.node_type', dwsRules.nodeTypeSoldOut);
    this.#assertClusterNameFree(scope.projectId, input.name, 'cluster.name');

    const now = dwsTime(this.#now());
    const fields: ClusterFields = {
      id: randomUUID(),
      name: input.name,
      status: 'CREATING',
      sub_status: 'NORMAL',
      task_status: null,
      action_progress: { CREATING: '0%' },
      node_type: nodeType.spec_name,
      node_type_id: nodeType.id,
      subnet_id: input.subnet_id,
      security_group_id: input.security_group_id,
      vpc_id: input.vpc_id,
      availability_zone: zone,
      port: input.port ?? 8000,
      number_of_node: input.number_of_node,
      number_of_cn: input.number_of_cn ?? defaultNumberOfCn(input.number_of_node),
      version: '',
      user_name: input.user_name,
      public_ip: this.#publicIp(input.public_ip),
      enterprise_project_id: input.enterprise_project_id ?? '0',
      created: now,
      updated: now,
      maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
      resize_info: null,
      parameter_group: { id: randomUUID(), name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
      tags: [],
      recent_event: 0,
      failed_reasons: null,
    };
    const record: ClusterRecord = {
      projectId: scope.projectId,
      fields,
      local: {
        port: null,
        adminPassword: input.user_pwd,
        superPassword: randomBytes(24).toString('base64url'),
        passwordHistory: [],
        operation: { kind: 'create' },
      },
    };
    this.#store.addCluster(record);
    await this.#store.save();
    this.#launchCreate(record);
    return fields.id;
  }

  async restartCluster(scope: ProjectScope, id: string): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    this.#assertIdle(record);
    this.#assertStatus(record, ['AVAILABLE', 'UNAVAILABLE']);
    await this.#begin(record, { kind: 'restart' }, (f) => {
      f.task_status = 'REBOOTING';
    });
    this.#launchRestart(record);
  }

  async resizeCluster(scope: ProjectScope, id: string, count: number): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    this.#assertIdle(record);
    this.#assertStatus(record, ['AVAILABLE']);
    const target = record.fields.number_of_node + count;
    if (target > 256) throw DwsError.rule('scale_out.count', dwsRules.nodeCountLimit);
    await this.#begin(record, { kind: 'resize', target }, (f) => {
      f.task_status = 'GROWING';
      f.action_progress = { GROWING: '0%' };
      f.resize_info = {
        target_node_num: target,
        origin_node_num: f.number_of_node,
        resize_status: 'GROWING',
        start_time: dwsTime(this.#now()),
        origin_node_type: f.node_type,
        target_node_type: f.node_type,
      };
    });
    this.#launchResize(record, target);
  }

  /** Changes the administrator's password in the server itself; answers once the old one is refused. */
  async resetPassword(scope: ProjectScope, id: string, password: string): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    this.#assertIdle(record);
    this.#assertStatus(record, ['AVAILABLE']);
    this.#assertRunning(record);
    const broken = checkNewPassword(password, record.fields.user_name);
    if (broken) throw DwsError.rule('new_password', broken);
    const { local } = record;
    if (password === local.adminPassword || local.passwordHistory.some((h) => matchesHash(h, password))) {
      throw DwsError.rule('new_password', dwsRules.passwordNotPrevious);
    }
    // Written down first: if the emulator stops half-way, the next start applies this password again.
    local.operation = { kind: 'reset-password', password };
    await this.#store.save();
    try {
      await this.#applyPassword(record, password);
    } catch (error) {
      local.operation = null;
      await this.#store.save();
      throw new DwsError(500, 'DWS.0000', `The password could not be changed: ${reason(error)}`);
    }
    this.#adoptPassword(record, password);
    record.fields.recent_event += 1;
    this.#touch(record);
    await this.#store.save();
  }

  async deleteCluster(scope: ProjectScope, id: string, keepLastManualSnapshot: number): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    this.#assertIdle(record);
    await this.#begin(record, { kind: 'delete', keepLastManualSnapshot }, (f) => {
      f.status = 'DELETING';
      f.task_status = null;
      f.action_progress = null;
    });
    this.#launchDelete(record, keepLastManualSnapshot);
  }

  // --- snapshots ----------------------------------------------------------------------------------------------

  async createSnapshot(
    scope: ProjectScope,
    input: CreateSnapshotInfo,
    type: 'MANUAL' | 'AUTO' = 'MANUAL',
  ): Promise<string> {
    this.#assertOpen();
    const cluster = this.getCluster(scope.projectId, input.cluster_id);
    const lower = input.name.toLowerCase();
    if (this.listSnapshots(scope.projectId).some((s) => s.fields.name.toLowerCase() === lower)) {
      throw DwsError.rule('snapshot.name', dwsRules.snapshotNameTaken);
    }
    this.#assertIdle(cluster);
    this.#assertStatus(cluster, ['AVAILABLE']);
    this.#assertRunning(cluster);
    const snapshot: SnapshotRecord = {
      projectId: scope.projectId,
      fields: {
        id: randomUUID(),
        name: input.name,
        description: input.description ?? '',
        started: dwsTime(this.#now()),
        finished: null,
        size: null,
        status: 'CREATING',
        type,
        cluster_id: cluster.fields.id,
      },
      source: this.#sourceOf(cluster),
    };
    this.#store.addSnapshot(snapshot);
    await this.#begin(cluster, { kind: 'snapshot', snapshotId: snapshot.fields.id }, (f) => {
      f.task_status = 'SNAPSHOTTING';
      f.action_progress = { SNAPSHOTTING: '0%' };
    });
    this.#launchSnapshot(cluster, snapshot);
    return snapshot.fields.id;
  }

  /** What the service's daily automated snapshot does; also callable directly (tests, demos). */
  takeAutomatedSnapshot(projectId: string, clusterId: string): Promise<string> {
    const cluster = this.getCluster(projectId, clusterId);
    const stamp = dwsTime(this.#now()).replace(/\D/g, '');
    const name = `auto-${stamp}-${randomBytes(2).toString('hex')}`;
    return this.createSnapshot(
      { projectId, projectName: '' },
      { name, cluster_id: cluster.fields.id },
      'AUTO',
    );
  }

  async deleteSnapshot(scope: ProjectScope, id: string): Promise<void> {
    this.#assertOpen();
    const snapshot = this.getSnapshot(scope.projectId, id);
    if (snapshot.fields.type !== 'MANUAL') throw DwsError.of(dwsErrors.automatedSnapshot);
    if (snapshot.fields.status === 'CREATING') {
      throw DwsError.of(dwsErrors.snapshotNotAvailable, 'It is still being created.');
    }
    const restoring = this.#store.clusters.find(
      (c) => c.local.operation?.kind === 'restore' && c.local.operation.snapshotId === id,
    );
    if (restoring) {
      throw DwsError.of(
        dwsErrors.snapshotNotAvailable,
        `Cluster ${restoring.fields.name} is being restored from it; delete it when the restore has finished.`,
      );
    }
    this.#store.removeSnapshot(id);
    await this.#store.save();
    await this.#removeSnapshotFiles(id);
  }

  async restoreSnapshot(
    scope: ProjectScope,
    snapshotId: string,
    input: RestoreInfo & { enterprise_project_id?: string | undefined },
  ): Promise<string> {
    this.#assertOpen();
    const snapshot = this.getSnapshot(scope.projectId, snapshotId);
    if (snapshot.fields.status !== 'AVAILABLE') {
      throw DwsError.of(dwsErrors.snapshotNotAvailable, `Its status is ${snapshot.fields.status}.`);
    }
    const { source } = snapshot;
    const zone = this.#zone(
      scope,
      input.availability_zone ?? source.availability_zone,
      'restore.availability_zone',
    );
    this.#assertClusterNameFree(scope.projectId, input.name, 'restore.name');
    const now = dwsTime(this.#now());
    const record: ClusterRecord = {
      projectId: scope.projectId,
      fields: {
        id: randomUUID(),
        name: input.name,
        status: 'CREATING',
        sub_status: 'NORMAL',
        task_status: 'RESTORING',
        action_progress: { RESTORING: '0%' },
        node_type: source.node_type,
        node_type_id: source.node_type_id,
        subnet_id: input.subnet_id ?? source.subnet_id,
        security_group_id: input.security_group_id ?? source.security_group_id,
        vpc_id: input.vpc_id ?? source.vpc_id,
        availability_zone: zone,
        port: input.port ?? source.port,
        number_of_node: source.number_of_node,
        number_of_cn: source.number_of_cn,
        version: '',
        user_name: source.user_name,
        public_ip: input.public_ip ? this.#publicIp(input.public_ip) : source.public_ip,
        enterprise_project_id: input.enterprise_project_id ?? source.enterprise_project_id,
        created: now,
        updated: now,
        maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
        resize_info: null,
        parameter_group: { id: randomUUID(), name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
        tags: [],
        recent_event: 0,
        failed_reasons: null,
      },
      local: {
        port: null,
        adminPassword: source.adminPassword,
        superPassword: randomBytes(24).toString('base64url'),
        passwordHistory: [...source.passwordHistory],
        operation: { kind: 'restore', snapshotId },
      },
    };
    this.#store.addCluster(record);
    await this.#store.save();
    this.#launchRestore(record, snapshot);
    return record.fields.id;
  }

  // --- the tasks ----------------------------------------------------------------------------------------------

  #launchCreate(record: ClusterRecord): void {
    const server = this.#server(record);
    const duration = demoDurations.create;
    this.#launch(
      record,
      async (signal) => {
        await this.#pacer.run(
          [
            { weight: 20, waitMs: duration * 0.4 },
            { weight: 30, run: () => server.initdb(record.local.superPassword, signal) },
            { weight: 10, run: () => this.#startServer(record, signal) },
            { weight: 10, run: () => this.#bootstrap(record) },
            { weight: 30, waitMs: duration * 0.6 },
          ],
          signal,
          this.#progress(record, 'CREATING'),
        );
        await this.#finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.action_progress = null;
        });
      },
      (error) => this.#failCreation(record, error),
    );
  }

  #launchRestore(record: ClusterRecord, snapshot: SnapshotRecord): void {
    const server = this.#server(record);
    const duration = demoDurations.restore;
    this.#launch(
      record,
      async (signal) => {
        const target = { server, superPassword: record.local.superPassword, signal };
        await this.#pacer.run(
          [
            { weight: 15, waitMs: duration * 0.3 },
            { weight: 20, run: () => server.initdb(record.local.superPassword, signal) },
            { weight: 10, run: () => this.#startServer(record, signal) },
            {
              weight: 35,
              run: async () => {
                await restoreSnapshot(target, this.#snapshotDir(snapshot.fields.id));
                record.fields.version = await this.#serverVersion(record);
              },
            },
            { weight: 20, waitMs: duration * 0.7 },
          ],
          signal,
          this.#progress(record, 'RESTORING'),
        );
        await this.#finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.task_status = null;
          f.action_progress = null;
        });
      },
      (error) => this.#failCreation(record, error),
    );
  }

  #launchRestart(record: ClusterRecord): void {
    const server = this.#server(record);
    const half = demoDurations.restart / 2;
    this.#launch(
      record,
      async (signal) => {
        await this.#pacer.run(
          [
            { weight: 30, waitMs: half },
            { weight: 20, run: () => server.stop() },
            { weight: 30, run: () => this.#startServer(record, signal) },
            { weight: 20, waitMs: half },
          ],
          signal,
          () => undefined,
        );
        await this.#finish(record, (f) => {
          f.status = 'AVAILABLE';
          f.task_status = null;
          f.failed_reasons = null;
        });
      },
      async (error) => {
        record.local.operation = null;
        record.fields.task_status = 'REBOOT_FAILURE';
        record.fields.status = server.isRunning ? 'AVAILABLE' : 'UNAVAILABLE';
        record.fields.failed_reasons = {
          error_code: 'DWS.0000',
          error_msg: `Restart failed: ${reason(error)}`,
        };
        this.#touch(record);
        await this.#store.save();
      },
    );
  }

  #launchResize(record: ClusterRecord, target: number): void {
    this.#launch(
      record,
      async (signal) => {
        // Every node is the same PostgreSQL server here: growing changes what the cluster reports, nothing more.
        await this.#pacer.run(
          [{ weight: 100, waitMs: demoDurations.resize }],
          signal,
          this.#progress(record, 'GROWING'),
        );
        await this.#finish(record, (f) => {
          f.number_of_node = target;
          f.resize_info = null;
          f.task_status = null;
          f.action_progress = null;
        });
      },
      async (error) => {
        record.local.operation = null;
        record.fields.task_status = 'RESIZE_FAILURE';
        record.fields.action_progress = null;
        if (record.fields.resize_info) record.fields.resize_info.resize_status = 'RESIZE_FAILURE';
        record.fields.failed_reasons = {
          error_code: 'DWS.0000',
          error_msg: `Scale-out failed: ${reason(error)}`,
        };
        this.#touch(record);
        await this.#store.save();
      },
    );
  }

  #launchSnapshot(cluster: ClusterRecord, snapshot: SnapshotRecord): void {
    const server = this.#server(cluster);
    const half = demoDurations.snapshot / 2;
    this.#launch(
      cluster,
      async (signal) => {
        let bytes = 0;
        const target = { server, superPassword: cluster.local.superPassword, signal };
        await this.#pacer.run(
          [
            { weight: 30, waitMs: half },
            {
              weight: 50,
              run: async () => {
                bytes = await writeSnapshot(target, this.#snapshotDir(snapshot.fields.id));
              },
            },
            { weight: 20, waitMs: half },
          ],
          signal,
          this.#progress(cluster, 'SNAPSHOTTING'),
        );
        snapshot.fields.status = 'AVAILABLE';
        snapshot.fields.size = bytes / 2 ** 30;
        snapshot.fields.finished = dwsTime(this.#now());
        await this.#finish(cluster, (f) => {
          f.task_status = null;
          f.action_progress = null;
        });
      },
      async () => {
        await this.#removeSnapshotFiles(snapshot.fields.id);
        snapshot.fields.status = 'UNAVAILABLE';
        cluster.local.operation = null;
        cluster.fields.task_status = null;
        cluster.fields.action_progress = null;
        this.#touch(cluster);
        await this.#store.save();
      },
    );
  }

  #launchDelete(record: ClusterRecord, keepLastManualSnapshot: number): void {
    const server = this.#server(record);
    const id = record.fields.id;
    this.#launch(
      record,
      async (signal) => {
        await this.#pacer.wait(demoDurations.delete, signal);
        await server.stop();
        await rm(path.join(this.#clustersDir, id), { recursive: true, force: true });
        const own = this.#store.snapshots.filter(
          (s) => s.fields.cluster_id === id && s.projectId === record.projectId,
        );
        // Newest first; snapshots taken within the same second keep their order of creation.
        const keep = new Set(
          [...own]
            .reverse()
            .filter((s) => s.fields.type === 'MANUAL' && s.fields.status === 'AVAILABLE')
            .sort((a, b) => b.fields.started.localeCompare(a.fields.started))
            .slice(0, keepLastManualSnapshot)
            .map((s) => s.fields.id),
        );
        const drop = own.filter((s) => !keep.has(s.fields.id));
        for (const snapshot of drop) this.#store.removeSnapshot(snapshot.fields.id);
        await this.#store.save();
        for (const snapshot of drop) await this.#removeSnapshotFiles(snapshot.fields.id);
        // The cluster goes last: until then a restarted emulator still knows to finish this deletion.
        this.#store.removeCluster(id);
        this.#servers.delete(id);
        await this.#store.save();
      },
      async (error) => {
        record.local.operation = null;
        record.fields.status = 'DELETE_FAILED';
        record.fields.failed_reasons = {
          error_code: 'DWS.0000',
          error_msg: `Deletion failed: ${reason(error)}`,
        };
        await this.#store.save();
      },
    );
  }

  /** Runs a cluster's task in the background. An interruption by `close()` leaves its record for `start()`. */
  #launch(
    record: ClusterRecord,
    work: (signal: AbortSignal) => Promise<void>,
    onFailure: (error: unknown) => Promise<void>,
  ) {
    const id = record.fields.id;
    const controller = new AbortController();
    const done = (async () => {
      try {
        await work(controller.signal);
      } catch (error) {
        if (controller.signal.aborted || error instanceof AbortedError) return;
        this.#log(
          `cluster ${record.fields.name} (${id}): ${record.local.operation?.kind ?? 'task'} failed: ${reason(error)}`,
        );
        await onFailure(error).catch((failure: unknown) =>
          this.#log(`could not record the failure: ${reason(failure)}`),
        );
      }
    })().finally(() => {
      if (this.#tasks.get(id)?.controller === controller) this.#tasks.delete(id);
    });
    this.#tasks.set(id, { controller, done });
  }

  async #begin(
    record: ClusterRecord,
    operation: Operation,
    change: (fields: ClusterFields) => void,
  ): Promise<void> {
    record.local.operation = operation;
    change(record.fields);
    this.#touch(record);
    await this.#store.save();
  }

  async #finish(record: ClusterRecord, change: (fields: ClusterFields) => void): Promise<void> {
    record.local.operation = null;
    change(record.fields);
    record.fields.recent_event += 1;
    this.#touch(record);
    await this.#store.save();
  }

  async #failCreation(record: ClusterRecord, error: unknown): Promise<void> {
    await this.#servers.get(record.fields.id)?.stop();
    record.local.operation = null;
    record.fields.status = 'CREATION FAILED';
    record.fields.task_status = null;
    record.fields.action_progress = null;
    record.fields.failed_reasons = {
      error_code: 'DWS.0000',
      error_msg: `The cluster could not be created: ${reason(error)}`,
    };
    this.#touch(record);
    await this.#store.save();
  }

  #progress(record: ClusterRecord, key: string): (percent: number) => void {
    return (percent) => {
      record.fields.action_progress = { [key]: `${percent}%` };
    };
  }

  // --- servers ------------------------------------------------------------------------------------------------

  #server(record: ClusterRecord): PostgresServer {
    const id = record.fields.id;
    let server = this.#servers.get(id);
    if (!server) {
      server = new PostgresServer(path.join(this.#clustersDir, id), this.options.postgres);
      this.#servers.set(id, server);
    }
    return server;
  }

  /** Starts the cluster's server on its earlier port when that is still free, otherwise on a new one. */
  async #startServer(record: ClusterRecord, signal?: AbortSignal): Promise<void> {
    const server = this.#server(record);
    let port = record.local.port;
    for (let attempt = 1; ; attempt++) {
      if (port === null || !(await isPortFree(port))) port = await freePort();
      try {
        await server.start(port, signal);
        break;
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 5) throw error;
        port = null;
      }
    }
    record.local.port = port;
    await this.#store.save();
  }

  async #bootstrap(record: ClusterRecord): Promise<void> {
    const { user_name: user } = record.fields;
    await this.#server(record).withSuperuser(record.local.superPassword, async (client) => {
      const role = client.escapeIdentifier(user);
      // Not a superuser: a superuser could run programs on this machine (COPY ... PROGRAM) as the postgres user.
      await client.query(
        `CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE PASSWORD ${client.escapeLiteral(record.local.adminPassword)}`,
      );
      await client.query(`GRANT pg_monitor TO ${role}`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(defaultDatabase)} OWNER ${role}`);
    });
    record.fields.version = await this.#serverVersion(record);
  }

  async #serverVersion(record: ClusterRecord): Promise<string> {
    return this.#server(record).withSuperuser(record.local.superPassword, async (client) => {
      const result = await client.query<{ server_version: string }>('SHOW server_version');
      return (result.rows[0]?.server_version ?? '').split(' ')[0] ?? '';
    });
  }

  async #applyPassword(record: ClusterRecord, password: string): Promise<void> {
    await this.#server(record).withSuperuser(record.local.superPassword, (client) =>
      client.query(
        `ALTER ROLE ${client.escapeIdentifier(record.fields.user_name)} PASSWORD ${client.escapeLiteral(password)}`,
      ),
    );
  }

  #adoptPassword(record: ClusterRecord, password: string): void {
    const { local } = record;
    if (local.adminPassword !== password) local.passwordHistory.push(hashPassword(local.adminPassword));
    local.adminPassword = password;
    local.operation = null;
  }

  // --- recovery -----------------------------------------------------------------------------------------------

  async #recover(record: ClusterRecord): Promise<void> {
    const server = this.#server(record);
    await server.stopStale();
    const operation = record.local.operation;
    const { fields } = record;
    switch (operation?.kind) {
      case undefined:
        if (['AVAILABLE', 'UNAVAILABLE'].includes(fields.status) && record.local.port !== null) {
          await this.#startServer(record);
          fields.status = 'AVAILABLE';
        }
        return;
      case 'create':
        this.#log(`resuming the creation of cluster ${fields.name}`);
        fields.action_progress = { CREATING: '0%' };
        this.#launchCreate(record);
        return;
      case 'restore': {
        const snapshot = this.#store.snapshots.find((s) => s.fields.id === operation.snapshotId);
        if (!snapshot || snapshot.fields.status !== 'AVAILABLE') {
          await this.#failCreation(
            record,
            new Error('the snapshot it was restored from is no longer available'),
          );
          return;
        }
        this.#log(`resuming the restore of cluster ${fields.name}`);
        fields.action_progress = { RESTORING: '0%' };
        this.#launchRestore(record, snapshot);
        return;
      }
      case 'restart':
        this.#launchRestart(record);
        return;
      case 'resize':
        await this.#startServer(record);
        fields.action_progress = { GROWING: '0%' };
        this.#launchResize(record, operation.target);
        return;
      case 'snapshot': {
        await this.#startServer(record);
        const snapshot = this.#store.snapshots.find((s) => s.fields.id === operation.snapshotId);
        const dir = this.#snapshotDir(operation.snapshotId);
        if (snapshot) {
          // The archives are renamed into place only when complete, so a finished directory is a finished snapshot.
          if (await isCompleteSnapshot(dir)) {
            snapshot.fields.size = (await directorySize(dir)) / 2 ** 30;
            snapshot.fields.status = 'AVAILABLE';
            snapshot.fields.finished = dwsTime(this.#now());
          } else {
            await this.#removeSnapshotFiles(operation.snapshotId);
            snapshot.fields.status = 'UNAVAILABLE';
          }
        }
        record.local.operation = null;
        fields.task_status = null;
        fields.action_progress = null;
        return;
      }
      case 'reset-password':
        await this.#startServer(record);
        await this.#applyPassword(record, operation.password);
        this.#adoptPassword(record, operation.password);
        return;
      case 'delete':
        this.#launchDelete(record, operation.keepLastManualSnapshot);
        return;
    }
  }

  #markUnavailable(record: ClusterRecord, error: unknown): void {
    record.local.operation = null;
    record.fields.task_status = null;
    record.fields.action_progress = null;
    if (record.fields.status === 'CREATING') record.fields.status = 'CREATION FAILED';
    else if (record.fields.status !== 'CREATION FAILED') record.fields.status = 'UNAVAILABLE';
    record.fields.failed_reasons = {
      error_code: 'DWS.0000',
      error_msg: `The server did not come back: ${reason(error)}`,
    };
  }

  /** Data directories and snapshot files no record knows (a crash between writing them and the metadata). */
  async #removeOrphans(): Promise<void> {
    const clusterIds = new Set(this.#store.clusters.map((c) => c.fields.id));
    for (const entry of await readdir(this.#clustersDir)) {
      if (clusterIds.has(entry)) continue;
      const orphan = new PostgresServer(path.join(this.#clustersDir, entry), this.options.postgres);
      await orphan.stopStale().catch(() => false);
      await rm(path.join(this.#clustersDir, entry), { recursive: true, force: true });
    }
    const snapshotIds = new Set(this.#store.snapshots.map((s) => s.fields.id));
    for (const entry of await readdir(this.#snapshotsDir)) {
      if (entry.endsWith('.partial') || !snapshotIds.has(entry)) {
        await rm(path.join(this.#snapshotsDir, entry), { recursive: true, force: true });
      }
    }
  }

  async #checkReachable(dir: string): Promise<void> {
    const { uid, gid } = this.options.postgres.runAs;
    if (uid === undefined || gid === undefined) return;
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn('/usr/bin/test', ['-x', dir], { uid, gid, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('exit', (code) => resolve(code === 0));
    });
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the postgres user, which cannot reach ${dir}: make its parent directories traversable (chmod o+x) or set DATA_DIR elsewhere`,
      );
    }
  }

  async #takeDueAutomatedSnapshots(periodMs: number): Promise<void> {
    if (this.#closing) return;
    const now = this.#now();
    for (const cluster of this.#store.clusters) {
      if (
        cluster.fields.status !== 'AVAILABLE' ||
        cluster.local.operation ||
        !this.#servers.get(cluster.fields.id)?.isRunning
      ) {
        continue;
      }
      const autos = this.#store.snapshots.filter(
        (s) => s.fields.cluster_id === cluster.fields.id && s.fields.type === 'AUTO',
      );
      const last = Math.max(
        Date.parse(cluster.fields.created),
        ...autos.map((s) => Date.parse(s.fields.started)),
      );
      if (now - last < periodMs) continue;
      await this.takeAutomatedSnapshot(cluster.projectId, cluster.fields.id).catch((error: unknown) =>
        this.#log(`automated snapshot of ${cluster.fields.name} skipped: ${reason(error)}`),
      );
    }
  }

  // --- checks and helpers -------------------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.#closing) throw new DwsError(503, 'DWS.0000', 'The service is shutting down.');
  }

  #assertIdle(record: ClusterRecord): void {
    const operation = record.local.operation;
    if (!operation) return;
    const running =
      record.fields.task_status ??
      (operation.kind === 'delete'
        ? 'DELETING'
        : record.fields.status === 'CREATING'
          ? 'CREATING'
          : operation.kind);
    throw DwsError.of(dwsErrors.clusterBusy, `${running} is in progress; try again when it has finished.`);
  }

  #assertStatus(record: ClusterRecord, allowed: string[]): void {
    if (!allowed.includes(record.fields.status)) {
      throw DwsError.of(dwsErrors.clusterNotAvailable, `Its status is ${record.fields.status}.`);
    }
  }

  #assertRunning(record: ClusterRecord): void {
    if (!this.#servers.get(record.fields.id)?.isRunning) {
      throw DwsError.of(
        dwsErrors.clusterNotAvailable,
        'Its database server is not running; restart the cluster.',
      );
    }
  }

  #assertClusterNameFree(projectId: string, name: string, field: string): void {
    if (this.listClusters(projectId).some((c) => c.fields.name === name)) {
      throw DwsError.rule(field, dwsRules.clusterNameTaken);
    }
  }

  #zone(scope: ProjectScope, requested: string | undefined, field: string): string {
    const zones = zonesOf(scope);
    const zone = requested ?? zones[0] ?? scope.projectName;
    if (!zones.includes(zone)) throw DwsError.rule(field, dwsRules.availabilityZone);
    return zone;
  }

  #publicIp(input: { public_bind_type: string; eip_id?: string | undefined } | undefined): PublicIp | null {
    if (!input) return null;
    if (input.public_bind_type === 'auto_assign')
      return { public_bind_type: 'auto_assign', eip_id: randomUUID() };
    if (input.public_bind_type === 'bind_existing' && input.eip_id) {
      return { public_bind_type: 'bind_existing', eip_id: input.eip_id };
    }
    return { public_bind_type: input.public_bind_type };
  }

  #sourceOf(cluster: ClusterRecord): SnapshotSource {
    const f = cluster.fields;
    return {
      node_type: f.node_type,
      node_type_id: f.node_type_id,
      number_of_node: f.number_of_node,
      number_of_cn: f.number_of_cn,
      subnet_id: f.subnet_id,
      security_group_id: f.security_group_id,
      vpc_id: f.vpc_id,
      availability_zone: f.availability_zone,
      port: f.port,
      user_name: f.user_name,
      adminPassword: cluster.local.adminPassword,
      passwordHistory: [...cluster.local.passwordHistory],
      public_ip: f.public_ip,
      enterprise_project_id: f.enterprise_project_id,
    };
  }

  #snapshotDir(id: string): string {
    return path.join(this.#snapshotsDir, id);
  }

  async #removeSnapshotFiles(id: string): Promise<void> {
    const dir = this.#snapshotDir(id);
    await rm(partialDir(dir), { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }

  #touch(record: ClusterRecord): void {
    record.fields.updated = dwsTime(this.#now());
  }
}
