import { z } from 'zod';

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
  public_connect_info: z.string().optional(),
  jdbc_url: z.string().optional(),
});
const tagSchema = z.object({ key: z.string(), value: z.string() });

export const publicBindTypes = ['auto_assign', 'not_use', 'bind_existing'] as const;

export const publicIpSchema = z.object({ public_bind_type: z.string(), eip_id: z.string().optional() });

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
  sub_status: z.string().nullish(),
  task_status: z.string().nullish(),
  action_progress: z.record(z.string(), z.string()).nullish(),
  node_type: z.string().optional(),
  subnet_id: z.string().optional(),
  security_group_id: z.string().optional(),
  number_of_node: z.number().int().optional(),
  availability_zone: z.string().optional(),
  port: z.number().int().optional(),
  version: z.string().optional(),
  vpc_id: z.string().optional(),
  user_name: z.string().optional(),
  public_ip: publicIpSchema.nullish(),
  public_endpoints: z.array(publicEndpointSchema).nullish(),
  endpoints: z.array(endpointSchema).nullish(),
  updated: z.string().optional(),
  created: z.string().optional(),
  enterprise_project_id: z.string().optional(),
  recent_event: z.number().int().optional(),
  tags: z.array(tagSchema).nullish(),
  failed_reasons: failedReasonSchema.nullish(),
});
export type ClusterInfo = z.infer<typeof clusterInfoSchema>;

export const clusterListResponseSchema = z.object({
  clusters: z.array(clusterInfoSchema),
  count: z.number().int(),
});
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;

/** MaintainWindow (seed table 5-24): day `Mon`..`Sun`, times `HH:mm` in GMT+0. */
export const maintainWindowSchema = z.object({
  day: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
});
export type MaintainWindow = z.infer<typeof maintainWindowSchema>;

/** The table says integers, the seed's example sends strings ("6"): both are read as numbers. */
const nodeCount = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** ResizeInfo (seed table 5-25). */
export const resizeInfoSchema = z.looseObject({
  target_node_num: nodeCount.optional(),
  origin_node_num: nodeCount.optional(),
  resize_status: z.string().optional(),
  start_time: z.string().optional(),
});
export type ResizeInfo = z.infer<typeof resizeInfoSchema>;

/** ParameterGroup (seed table 5-27); status In-Sync, Applying, Pending-Reboot or Sync-Failure. */
export const parameterGroupSchema = z.object({ id: z.string(), name: z.string(), status: z.string() });
export type ParameterGroup = z.infer<typeof parameterGroupSchema>;

/** ClusterDetail (seed table 5-19). `number_of_cn` is not in the seed's table but is kept by newer services. */
export const clusterDetailSchema = clusterInfoSchema.extend({
  private_ip: z.array(z.string()).nullish(),
  maintain_window: maintainWindowSchema.nullish(),
  resize_info: resizeInfoSchema.nullish(),
  parameter_group: parameterGroupSchema.nullish(),
  node_type_id: z.string().optional(),
  number_of_cn: z.number().int().optional(),
});
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;

export const clusterDetailResponseSchema = z.object({ cluster: clusterDetailSchema });
export type ClusterDetailResponse = z.infer<typeof clusterDetailResponseSchema>;

/** The answer to create and restore (seed tables 5-6, 5-68). */
export const clusterIdResponseSchema = z.object({ cluster: z.object({ id: z.string() }) });
export type ClusterIdResponse = z.infer<typeof clusterIdResponseSchema>;
