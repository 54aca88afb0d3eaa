import { randomBytes, randomUUID } from 'node:crypto';
import { dwsErrors, dwsRules, type CreateSnapshotInfo, type RestoreInfo } from '@dws-console/shared';
import type { ClusterService, ClusterServiceDeps } from './cluster-service.ts';
import { dwsTime } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import { assertMay } from './guards.ts';
import {
  assertClusterNameFree,
  newClusterFields,
  publicIpOf,
  zoneFor,
  type ProjectScope,
} from './new-cluster.ts';
import type { SnapshotFiles } from './snapshot-files.ts';
import type { ClusterRecord, SnapshotRecord, SnapshotSource } from './state-store.ts';

export interface SnapshotServiceDeps extends ClusterServiceDeps {
  files: SnapshotFiles;
  clusters: ClusterService;
}

/**
 * The emulated DWS API's snapshots: each a set of pg_dump archives of a cluster's server, taken and restored by
 * `ClusterTasks` as the cluster's running task. Put together, started and stopped by `createDws`.
 */
export class SnapshotService {
  constructor(private readonly deps: SnapshotServiceDeps) {}

  listSnapshots(projectId: string): SnapshotRecord[] {
    return this.deps.store.snapshots.filter((s) => s.projectId === projectId);
  }

  getSnapshot(projectId: string, id: string): SnapshotRecord {
    const record = this.deps.store.snapshots.find((s) => s.projectId === projectId && s.fields.id === id);
    if (!record) throw DwsError.of(dwsErrors.snapshotNotFound);
    return record;
  }

  async createSnapshot(
    scope: ProjectScope,
    input: CreateSnapshotInfo,
    type: 'MANUAL' | 'AUTO' = 'MANUAL',
  ): Promise<string> {
    this.deps.assertOpen();
    const cluster = this.deps.clusters.getCluster(scope.projectId, input.cluster_id);
    const lower = input.name.toLowerCase();
    if (this.listSnapshots(scope.projectId).some((s) => s.fields.name.toLowerCase() === lower)) {
      throw DwsError.rule('snapshot.name', dwsRules.snapshotNameTaken);
    }
    assertMay('snapshot', cluster, this.deps.pool.isRunning(cluster.fields.id));
    const snapshot: SnapshotRecord = {
      projectId: scope.projectId,
      fields: {
        id: randomUUID(),
        name: input.name,
        description: input.description ?? '',
        started: dwsTime(this.deps.now()),
        finished: null,
        size: null,
        status: 'CREATING',
        type,
        cluster_id: cluster.fields.id,
      },
      source: sourceOf(cluster),
    };
    this.deps.store.addSnapshot(snapshot);
    await this.deps.runner.begin(cluster, { kind: 'snapshot', snapshotId: snapshot.fields.id }, (f) => {
      f.task_status = 'SNAPSHOTTING';
      f.action_progress = { SNAPSHOTTING: '0%' };
    });
    this.deps.tasks.snapshot(cluster, snapshot);
    return snapshot.fields.id;
  }

  /** What the service's daily automated snapshot does; also callable directly (tests, demos). */
  takeAutomatedSnapshot(projectId: string, clusterId: string): Promise<string> {
    const cluster = this.deps.clusters.getCluster(projectId, clusterId);
    const stamp = dwsTime(this.deps.now()).replace(/\D/g, '');
    const name = `auto-${stamp}-${randomBytes(2).toString('hex')}`;
    return this.createSnapshot(
      { projectId, projectName: '' },
      { name, cluster_id: cluster.fields.id },
      'AUTO',
    );
  }

  async deleteSnapshot(scope: ProjectScope, id: string): Promise<void> {
    this.deps.assertOpen();
    const snapshot = this.getSnapshot(scope.projectId, id);
    if (snapshot.fields.type !== 'MANUAL') throw DwsError.of(dwsErrors.automatedSnapshot);
    if (snapshot.fields.status === 'CREATING') {
      throw DwsError.of(dwsErrors.snapshotNotAvailable, 'It is still being created.');
    }
    const restoring = this.deps.store.clusters.find(
      (c) => c.local.operation?.kind === 'restore' && c.local.operation.snapshotId === id,
    );
    if (restoring) {
      throw DwsError.of(
        dwsErrors.snapshotNotAvailable,
        `Cluster ${restoring.fields.name} is being restored from it; delete it when the restore has finished.`,
      );
    }
    this.deps.store.removeSnapshot(id);
    await this.deps.store.save();
    await this.deps.files.remove(id);
  }

  async restoreSnapshot(
    scope: ProjectScope,
    snapshotId: string,
    input: RestoreInfo & { enterprise_project_id?: string | undefined },
  ): Promise<string> {
    this.deps.assertOpen();
    const snapshot = this.getSnapshot(scope.projectId, snapshotId);
    if (snapshot.fields.status !== 'AVAILABLE') {
      throw DwsError.of(dwsErrors.snapshotNotAvailable, `Its status is ${snapshot.fields.status}.`);
    }
    const { source } = snapshot;
    const zone = zoneFor(
      scope,
      input.availability_zone ?? source.availability_zone,
      'restore.availability_zone',
    );
    assertClusterNameFree(this.deps.store, scope.projectId, input.name, 'restore.name');
    const record: ClusterRecord = {
      projectId: scope.projectId,
      fields: {
        ...newClusterFields(input.name, this.deps.now()),
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
        public_ip: input.public_ip ? publicIpOf(input.public_ip) : source.public_ip,
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
    this.deps.store.addCluster(record);
    await this.deps.store.save();
    this.deps.tasks.restore(record, snapshot);
    return record.fields.id;
  }
}

/** What a restore needs of the cluster a snapshot was taken of, kept with the snapshot. */
function sourceOf(cluster: ClusterRecord): SnapshotSource {
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
