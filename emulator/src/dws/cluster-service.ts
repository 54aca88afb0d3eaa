import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, stat } from 'node:fs/promises';
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
import type { PostgresSettings } from '../postgres/server.ts';
import { ClusterTasks } from './cluster-tasks.ts';
import { clusterHost, defaultDatabase, dwsTime } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import { FaultControl } from './fault-control.ts';
import { assertMay } from './guards.ts';
import { startHealthMonitor } from './health-monitor.ts';
import { findNodeType } from './node-type-catalogue.ts';
import { Pacer } from './pacer.ts';
import { adoptPassword, isPasswordUsedBefore } from './passwords.ts';
import { recoverAll } from './recovery.ts';
import { ServerPool } from './server-pool.ts';
import { SnapshotFiles } from './snapshot-files.ts';
import { startSnapshotSchedule } from './snapshot-schedule.ts';
import {
  StateStore,
  type ClusterFields,
  type ClusterRecord,
  type PublicIp,
  type SnapshotRecord,
  type SnapshotSource,
} from './state-store.ts';
import { TaskHolds } from './task-holds.ts';
import { reason, TaskRunner } from './task-runner.ts';

export interface ClusterServiceOptions {
  /** `DATA_DIR/emulator`: metadata, clusters' data directories and snapshots live below it. */
  stateDir: string;
  postgres: PostgresSettings;
  speed: number;
  /** How often every idle cluster's server is checked (decision 015). */
  healthIntervalMs?: number;
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
  /**
   * Clusters that have a server, whether it runs or not (AVAILABLE or UNAVAILABLE, in a task or idle): DBMind
   * watches them and finds out for itself whether their server answers.
   */
  list(): ManagedCluster[];
  find(clusterId: string): ManagedCluster | undefined;
}

const dayMs = 24 * 60 * 60 * 1000;

export function zonesOf(scope: ProjectScope): string[] {
  return [scope.projectName];
}

/**
 * The emulated DWS API: every cluster a PostgreSQL server (`ServerPool`), every snapshot a set of pg_dump
 * archives. It checks each request (`guards.ts`), writes it down and hands the work to `ClusterTasks`, which run
 * in the background one at a time per cluster (`TaskRunner`); `recovery.ts` resumes or fails them at the next start.
 */
export class ClusterService implements ManagedClusterDirectory {
  readonly #store: StateStore;
  readonly #pool: ServerPool;
  readonly #runner: TaskRunner;
  readonly #tasks: ClusterTasks;
  readonly #snapshots: SnapshotFiles;
  readonly #now: () => number;
  readonly #log: (message: string) => void;
  #stopSchedule: (() => void) | undefined;
  #stopMonitor: (() => Promise<void>) | undefined;
  /** Holds tasks in their transitional state on request (the emulator's control). */
  readonly holds = new TaskHolds();
  /** Faults in the clusters' servers on request (the emulator's control). */
  readonly faults: FaultControl;
  #closing = false;

  constructor(readonly options: ClusterServiceOptions) {
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((message) => console.log(`emulator: ${message}`));
    this.#store = new StateStore(options.stateDir);
    this.#pool = new ServerPool(path.join(options.stateDir, 'clusters'), options.postgres, this.#store);
    this.#snapshots = new SnapshotFiles(path.join(options.stateDir, 'snapshots'));
    this.#runner = new TaskRunner(this.#store, this.#now, this.#log);
    this.#tasks = new ClusterTasks({
      store: this.#store,
      pool: this.#pool,
      runner: this.#runner,
      pacer: new Pacer(options.speed),
      snapshots: this.#snapshots,
      holds: this.holds,
      now: this.#now,
    });
    this.faults = new FaultControl(this.#pool);
  }

  // --- life cycle ---------------------------------------------------------------------------------------------

  /** Loads the metadata, stops servers a killed emulator left behind, and brings every cluster to a known state. */
  async start(): Promise<void> {
    await this.#store.load();
    await mkdir(this.#pool.clustersDir, { recursive: true });
    await mkdir(this.#snapshots.root, { recursive: true, mode: 0o700 });
    // PostgreSQL runs as its own user: it must pass through these directories to reach its data directory.
    for (const dir of [path.dirname(this.options.stateDir), this.options.stateDir, this.#pool.clustersDir]) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o777) | 0o011);
    }
    await recoverAll({
      store: this.#store,
      pool: this.#pool,
      tasks: this.#tasks,
      snapshots: this.#snapshots,
      now: this.#now,
      log: this.#log,
    });
    this.#stopSchedule = startSnapshotSchedule({
      store: this.#store,
      pool: this.#pool,
      periodMs: dayMs / this.options.speed,
      now: this.#now,
      log: this.#log,
      take: (projectId, clusterId) => this.takeAutomatedSnapshot(projectId, clusterId),
    });
    this.#stopMonitor = startHealthMonitor({
      store: this.#store,
      pool: this.#pool,
      runner: this.#runner,
      intervalMs: this.options.healthIntervalMs ?? 2000,
      log: this.#log,
    });
  }

  /** Interrupts running tasks (they are resumed or failed at the next start) and stops every server. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#stopSchedule?.();
    await this.#stopMonitor?.();
    await this.#runner.interruptAll();
    await this.faults.endAll();
    await this.#pool.stopAll();
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

  /** A cluster of any project by id, or by name when that names exactly one (the emulator's control). */
  clusterByIdOrName(key: string): ClusterRecord | undefined {
    const byId = this.#store.clusters.find((c) => c.fields.id === key);
    if (byId) return byId;
    const named = this.#store.clusters.filter((c) => c.fields.name === key);
    return named.length === 1 ? named[0] : undefined;
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
    const status = record?.fields.status;
    if (!record || port == null || (status !== 'AVAILABLE' && status !== 'UNAVAILABLE')) return undefined;
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

    const fields: ClusterFields = {
      ...this.#newClusterFields(input.name),
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
      user_name: input.user_name,
      public_ip: this.#publicIp(input.public_ip),
      enterprise_project_id: input.enterprise_project_id ?? '0',
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
    this.#tasks.create(record);
    return fields.id;
  }

  async restartCluster(scope: ProjectScope, id: string): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('restart', record, this.#pool.isRunning(id));
    await this.#runner.begin(record, { kind: 'restart' }, (f) => {
      f.task_status = 'REBOOTING';
    });
    this.#tasks.restart(record);
  }

  async resizeCluster(scope: ProjectScope, id: string, count: number): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('resize', record, this.#pool.isRunning(id));
    const target = record.fields.number_of_node + count;
    if (target > 256) throw DwsError.rule('scale_out.count', dwsRules.nodeCountLimit);
    await this.#runner.begin(record, { kind: 'resize', target }, (f) => {
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
    this.#tasks.resize(record, target);
  }

  /** Changes the administrator's password in the server itself; answers once the old one is refused. */
  async resetPassword(scope: ProjectScope, id: string, password: string): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('resetPassword', record, this.#pool.isRunning(id));
    const broken = checkNewPassword(password, record.fields.user_name);
    if (broken) throw DwsError.rule('new_password', broken);
    if (isPasswordUsedBefore(record, password))
      throw DwsError.rule('new_password', dwsRules.passwordNotPrevious);
    // Written down first: if the emulator stops half-way, the next start applies this password again.
    record.local.operation = { kind: 'reset-password', password };
    await this.#store.save();
    try {
      await this.#pool.applyPassword(record, password);
    } catch (error) {
      record.local.operation = null;
      await this.#store.save();
      throw DwsError.of(dwsErrors.passwordNotChanged, reason(error));
    }
    adoptPassword(record, password);
    record.fields.recent_event += 1;
    this.#runner.touch(record);
    await this.#store.save();
  }

  async deleteCluster(scope: ProjectScope, id: string, keepLastManualSnapshot: number): Promise<void> {
    this.#assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('delete', record, this.#pool.isRunning(id));
    await this.#runner.begin(record, { kind: 'delete', keepLastManualSnapshot }, (f) => {
      f.status = 'DELETING';
      f.task_status = null;
      f.action_progress = null;
    });
    this.#tasks.delete(record, keepLastManualSnapshot);
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
    assertMay('snapshot', cluster, this.#pool.isRunning(cluster.fields.id));
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
    await this.#runner.begin(cluster, { kind: 'snapshot', snapshotId: snapshot.fields.id }, (f) => {
      f.task_status = 'SNAPSHOTTING';
      f.action_progress = { SNAPSHOTTING: '0%' };
    });
    this.#tasks.snapshot(cluster, snapshot);
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
    await this.#snapshots.remove(id);
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
    const record: ClusterRecord = {
      projectId: scope.projectId,
      fields: {
        ...this.#newClusterFields(input.name),
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
        user_name: source.user_name,
        public_ip: input.public_ip ? this.#publicIp(input.public_ip) : source.public_ip,
        enterprise_project_id: input.enterprise_project_id ?? source.enterprise_project_id,
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
    this.#tasks.restore(record, snapshot);
    return record.fields.id;
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.#closing) throw DwsError.of(dwsErrors.shuttingDown);
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

  /** The fields every new cluster starts with, whether created or restored. */
  #newClusterFields(name: string) {
    const now = dwsTime(this.#now());
    return {
      id: randomUUID(),
      name,
      status: 'CREATING',
      sub_status: 'NORMAL',
      task_status: null,
      version: '',
      created: now,
      updated: now,
      maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
      resize_info: null,
      parameter_group: { id: randomUUID(), name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
      tags: [],
      recent_event: 0,
      failed_reasons: null,
    } satisfies Partial<ClusterFields>;
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
}
