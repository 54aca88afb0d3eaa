import { randomBytes } from 'node:crypto';
import {
  checkNewPassword,
  defaultNumberOfCn,
  dwsErrors,
  dwsRules,
  type CreateClusterInfo,
} from '@dws-console/shared';
import type { ClusterTasks } from './cluster-tasks.ts';
import { clusterHost, defaultDatabase, dwsTime } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import { assertMay } from './guards.ts';
import {
  assertClusterNameFree,
  newClusterFields,
  publicIpOf,
  zoneFor,
  type ProjectScope,
} from './new-cluster.ts';
import { findNodeType } from './node-type-catalogue.ts';
import { adoptPassword, isPasswordUsedBefore } from './passwords.ts';
import type { ServerPool } from './server-pool.ts';
import type { ClusterFields, ClusterRecord, StateStore } from './state-store.ts';
import { reason, type TaskRunner } from './task-runner.ts';

export interface ClusterServiceDeps {
  store: StateStore;
  pool: ServerPool;
  runner: TaskRunner;
  tasks: ClusterTasks;
  now: () => number;
  /** Refuses a command while the emulator shuts down. */
  assertOpen: () => void;
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

/**
 * The emulated DWS API's clusters: every cluster a PostgreSQL server (`ServerPool`). It checks each request
 * (`guards.ts`), writes it down and hands the work to `ClusterTasks`, which run in the background one at a time
 * per cluster (`TaskRunner`). Put together, started and stopped by `createDws`.
 */
export class ClusterService implements ManagedClusterDirectory {
  constructor(private readonly deps: ClusterServiceDeps) {}

  // --- reading ------------------------------------------------------------------------------------------------

  listClusters(projectId: string): ClusterRecord[] {
    return this.deps.store.clusters.filter((c) => c.projectId === projectId);
  }

  getCluster(projectId: string, id: string): ClusterRecord {
    const record = this.deps.store.clusters.find((c) => c.projectId === projectId && c.fields.id === id);
    if (!record) throw DwsError.of(dwsErrors.clusterNotFound);
    return record;
  }

  /** A cluster of any project by id, or by name when that names exactly one (the emulator's control). */
  clusterByIdOrName(key: string): ClusterRecord | undefined {
    const byId = this.deps.store.clusters.find((c) => c.fields.id === key);
    if (byId) return byId;
    const named = this.deps.store.clusters.filter((c) => c.fields.name === key);
    return named.length === 1 ? named[0] : undefined;
  }

  list(): ManagedCluster[] {
    return this.deps.store.clusters.flatMap((record) => {
      const managed = this.find(record.fields.id);
      return managed ? [managed] : [];
    });
  }

  find(clusterId: string): ManagedCluster | undefined {
    const record = this.deps.store.clusters.find((c) => c.fields.id === clusterId);
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
    this.deps.assertOpen();
    const nodeType = findNodeType(input.node_type);
    if (!nodeType) throw DwsError.rule('cluster.node_type', dwsRules.nodeType);
    const zone = zoneFor(scope, input.availability_zone, 'cluster.availability_zone');
    if (nodeType.soldOut) throw DwsError.rule('cluster.node_type', dwsRules.nodeTypeSoldOut);
    assertClusterNameFree(this.deps.store, scope.projectId, input.name, 'cluster.name');

    const fields: ClusterFields = {
      ...newClusterFields(input.name, this.deps.now()),
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
      public_ip: publicIpOf(input.public_ip),
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
    this.deps.store.addCluster(record);
    await this.deps.store.save();
    this.deps.tasks.create(record);
    return fields.id;
  }

  async restartCluster(scope: ProjectScope, id: string): Promise<void> {
    this.deps.assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('restart', record, this.deps.pool.isRunning(id));
    await this.deps.runner.begin(record, { kind: 'restart' }, (f) => {
      f.task_status = 'REBOOTING';
    });
    this.deps.tasks.restart(record);
  }

  async resizeCluster(scope: ProjectScope, id: string, count: number): Promise<void> {
    this.deps.assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('resize', record, this.deps.pool.isRunning(id));
    const target = record.fields.number_of_node + count;
    if (target > 256) throw DwsError.rule('scale_out.count', dwsRules.nodeCountLimit);
    await this.deps.runner.begin(record, { kind: 'resize', target }, (f) => {
      f.task_status = 'GROWING';
      f.action_progress = { GROWING: '0%' };
      f.resize_info = {
        target_node_num: target,
        origin_node_num: f.number_of_node,
        resize_status: 'GROWING',
        start_time: dwsTime(this.deps.now()),
        origin_node_type: f.node_type,
        target_node_type: f.node_type,
      };
    });
    this.deps.tasks.resize(record, target);
  }

  /** Changes the administrator's password in the server itself; answers once the old one is refused. */
  async resetPassword(scope: ProjectScope, id: string, password: string): Promise<void> {
    this.deps.assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('resetPassword', record, this.deps.pool.isRunning(id));
    const broken = checkNewPassword(password, record.fields.user_name);
    if (broken) throw DwsError.rule('new_password', broken);
    if (isPasswordUsedBefore(record, password))
      throw DwsError.rule('new_password', dwsRules.passwordNotPrevious);
    // Written down first: if the emulator stops half-way, the next start applies this password again.
    record.local.operation = { kind: 'reset-password', password };
    await this.deps.store.save();
    try {
      await this.deps.pool.applyPassword(record, password);
    } catch (error) {
      record.local.operation = null;
      await this.deps.store.save();
      throw DwsError.of(dwsErrors.passwordNotChanged, reason(error));
    }
    adoptPassword(record, password);
    record.fields.recent_event += 1;
    this.deps.runner.touch(record);
    await this.deps.store.save();
  }

  async deleteCluster(scope: ProjectScope, id: string, keepLastManualSnapshot: number): Promise<void> {
    this.deps.assertOpen();
    const record = this.getCluster(scope.projectId, id);
    assertMay('delete', record, this.deps.pool.isRunning(id));
    await this.deps.runner.begin(record, { kind: 'delete', keepLastManualSnapshot }, (f) => {
      f.status = 'DELETING';
      f.task_status = null;
      f.action_progress = null;
    });
    this.deps.tasks.delete(record, keepLastManualSnapshot);
  }
}
