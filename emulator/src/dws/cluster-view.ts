import type { ClusterDetail, ClusterInfo, Snapshot } from '@dws-console/shared';
import type { ClusterRecord, SnapshotRecord } from './state-store.ts';

/** Where the emulator's clusters are reached: they are local servers, so public and private addresses are the same. */
export const clusterHost = '127.0.0.1';
/** The database every cluster is created with, as GaussDB(DWS) does. */
export const defaultDatabase = 'gaussdb';

/** DWS prints times as `YYYY-MM-DDThh:mm:ssZ`. */
export function dwsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function endpoints(record: ClusterRecord) {
  const { port } = record.local;
  const reachable =
    port !== null && !['CREATING', 'CREATION FAILED', 'DELETING'].includes(record.fields.status);
  if (!reachable) return { endpoints: [], public_endpoints: [] };
  const connectInfo = `${clusterHost}:${port}`;
  const jdbcUrl = `jdbc:postgresql://${connectInfo}/${defaultDatabase}`;
  const isPublic = record.fields.public_ip !== null && record.fields.public_ip.public_bind_type !== 'not_use';
  return {
    endpoints: [{ connect_info: connectInfo, jdbc_url: jdbcUrl }],
    public_endpoints: isPublic ? [{ public_connect_info: connectInfo, jdbc_url: jdbcUrl }] : [],
  };
}

/** ClusterInfo (seed table 5-10), what the list shows. */
export function toClusterInfo(record: ClusterRecord): ClusterInfo {
  const f = record.fields;
  return {
    id: f.id,
    status: f.status,
    sub_status: f.sub_status,
    task_status: f.task_status,
    action_progress: f.action_progress,
    node_type: f.node_type,
    subnet_id: f.subnet_id,
    security_group_id: f.security_group_id,
    number_of_node: f.number_of_node,
    availability_zone: f.availability_zone,
    port: f.port,
    name: f.name,
    version: f.version,
    vpc_id: f.vpc_id,
    user_name: f.user_name,
    public_ip: f.public_ip,
    ...endpoints(record),
    updated: f.updated,
    created: f.created,
    enterprise_project_id: f.enterprise_project_id,
    recent_event: f.recent_event,
    tags: f.tags,
    failed_reasons: f.failed_reasons,
  };
}

/** ClusterDetail (seed table 5-19). */
export function toClusterDetail(record: ClusterRecord): ClusterDetail {
  const f = record.fields;
  const { endpoints: privateEndpoints, public_endpoints } = endpoints(record);
  return {
    id: f.id,
    status: f.status,
    name: f.name,
    updated: f.updated,
    created: f.created,
    user_name: f.user_name,
    sub_status: f.sub_status,
    task_status: f.task_status,
    action_progress: f.action_progress,
    node_type: f.node_type,
    node_type_id: f.node_type_id,
    subnet_id: f.subnet_id,
    security_group_id: f.security_group_id,
    number_of_node: f.number_of_node,
    number_of_cn: f.number_of_cn,
    availability_zone: f.availability_zone,
    port: f.port,
    vpc_id: f.vpc_id,
    public_ip: f.public_ip,
    private_ip: privateEndpoints.length > 0 ? [clusterHost] : [],
    public_endpoints,
    endpoints: privateEndpoints,
    version: f.version,
    maintain_window: f.maintain_window,
    resize_info: f.resize_info && { ...f.resize_info },
    enterprise_project_id: f.enterprise_project_id,
    recent_event: f.recent_event,
    tags: f.tags,
    parameter_group: f.parameter_group,
    failed_reasons: f.failed_reasons,
  };
}

export function toSnapshot(record: SnapshotRecord): Snapshot {
  return { ...record.fields };
}
