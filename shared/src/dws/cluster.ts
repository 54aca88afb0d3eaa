import { z } from 'zod/mini';

/** Seed statuses first, then the newer service's; a console must accept both. */
export const clusterStatuses = [
  'CREATING',
  'AVAILABLE',
  'UNAVAILABLE',
  'CREATION FAILED',
  'ACTIVE',
  'FAILED',
  'CREATE_FAILED',
  'DELETING',
  'DELETE_FAILED',
  'DELETED',
  'FROZEN',
] as const;
export type ClusterStatus = (typeof clusterStatuses)[number];

/** The single `sub_status` values of seed table 5-10 (an AVAILABLE cluster's health); the seed joins them with ` | `. */
export const clusterSubStatuses = [
  'NORMAL',
  'READONLY',
  'REDISTRIBUTING',
  'REDISTRIBUTION-FAILURE',
  'UNBALANCED',
  'DEGRADED',
] as const;
export type ClusterSubStatus = (typeof clusterSubStatuses)[number];

/** `task_status` values of seed table 5-10 (the keys of `action_progress` are a subset). */
export const clusterTaskStatuses = [
  'RESTORING',
  'SNAPSHOTTING',
  'GROWING',
  'REBOOTING',
  'SETTING_CONFIGURATION',
  'CONFIGURING_EXT_DATASOURCE',
  'DELETING_EXT_DATASOURCE',
  'REBOOT_FAILURE',
  'RESIZE_FAILURE',
] as const;
export type ClusterTaskStatus = (typeof clusterTaskStatuses)[number];

const endpointSchema = z.object({ connect_info: z.string(), jdbc_url: z.string() });
const publicEndpointSchema = z.object({
  public_connect_info: z.optional(z.string()),
  jdbc_url: z.optional(z.string()),
});
const tagSchema = z.object({ key: z.string(), value: z.string() });

export const publicBindTypes = ['auto_assign', 'not_use', 'bind_existing'] as const;

export const publicIpSchema = z.object({ public_bind_type: z.string(), eip_id: z.optional(z.string()) });

/** FailedReason (seed table 5-15): why a cluster is not healthy; empty when it is. */
export const failedReasonSchema = z.looseObject({ error_code: z.string(), error_msg: z.string() });
export type FailedReason = z.infer<typeof failedReasonSchema>;

/**
 * ClusterInfo (seed table 5-10). Unknown fields are kept so newer upstreams still parse; the seed's quick start
 * shows `null` for an idle `task_status`, `action_progress` and `tags`, so those accept null too.
 */
export const clusterInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  sub_status: z.nullish(z.string()),
  task_status: z.nullish(z.string()),
  action_progress: z.nullish(z.record(z.string(), z.string())),
  node_type: z.optional(z.string()),
  subnet_id: z.optional(z.string()),
  security_group_id: z.optional(z.string()),
  number_of_node: z.optional(z.int()),
  availability_zone: z.optional(z.string()),
  port: z.optional(z.int()),
  version: z.optional(z.string()),
  vpc_id: z.optional(z.string()),
  user_name: z.optional(z.string()),
  public_ip: z.nullish(publicIpSchema),
  public_endpoints: z.nullish(z.array(publicEndpointSchema)),
  endpoints: z.nullish(z.array(endpointSchema)),
  updated: z.optional(z.string()),
  created: z.optional(z.string()),
  enterprise_project_id: z.optional(z.string()),
  recent_event: z.optional(z.int()),
  tags: z.nullish(z.array(tagSchema)),
  failed_reasons: z.nullish(failedReasonSchema),
});
export type ClusterInfo = z.infer<typeof clusterInfoSchema>;

export const clusterListResponseSchema = z.object({
  clusters: z.array(clusterInfoSchema),
  count: z.int(),
});
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;

/** MaintainWindow (seed table 5-24): day `Mon`..`Sun`, times `HH:mm` in GMT+0. */
export const maintainWindowSchema = z.object({
  day: z.optional(z.string()),
  start_time: z.optional(z.string()),
  end_time: z.optional(z.string()),
});
export type MaintainWindow = z.infer<typeof maintainWindowSchema>;

/** The table says integers, the seed's example sends strings ("6"): both are read as numbers. */
const nodeCount = z.union([z.int(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]);

/** ResizeInfo (seed table 5-25). */
export const resizeInfoSchema = z.looseObject({
  target_node_num: z.optional(nodeCount),
  origin_node_num: z.optional(nodeCount),
  resize_status: z.optional(z.string()),
  start_time: z.optional(z.string()),
});
export type ResizeInfo = z.infer<typeof resizeInfoSchema>;

/** ParameterGroup (seed table 5-27); status In-Sync, Applying, Pending-Reboot or Sync-Failure. */
export const parameterGroupSchema = z.object({ id: z.string(), name: z.string(), status: z.string() });
export type ParameterGroup = z.infer<typeof parameterGroupSchema>;

/** ClusterDetail (seed table 5-19). `number_of_cn` is not in the seed's table but is kept by newer services. */
export const clusterDetailSchema = z.extend(clusterInfoSchema, {
  private_ip: z.nullish(z.array(z.string())),
  maintain_window: z.nullish(maintainWindowSchema),
  resize_info: z.nullish(resizeInfoSchema),
  parameter_group: z.nullish(parameterGroupSchema),
  node_type_id: z.optional(z.string()),
  number_of_cn: z.optional(z.int()),
});
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;

export const clusterDetailResponseSchema = z.object({ cluster: clusterDetailSchema });
export type ClusterDetailResponse = z.infer<typeof clusterDetailResponseSchema>;

/** The answer to create and restore (seed tables 5-6, 5-68). */
export const clusterIdResponseSchema = z.object({ cluster: z.object({ id: z.string() }) });
export type ClusterIdResponse = z.infer<typeof clusterIdResponseSchema>;
