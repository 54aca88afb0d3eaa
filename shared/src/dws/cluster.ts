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

const endpointSchema = z.object({ connect_info: z.string(), jdbc_url: z.string() });
const publicEndpointSchema = z.object({ public_connect_info: z.string(), jdbc_url: z.string() });
const tagSchema = z.object({ key: z.string(), value: z.string() });

export const publicBindTypes = ['auto_assign', 'not_use', 'bind_existing'] as const;

/** ClusterInfo (seed table 5-10). Unknown fields are kept so newer upstreams still parse. */
export const clusterInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  sub_status: z.string().optional(),
  task_status: z.string().optional(),
  action_progress: z.record(z.string(), z.string()).optional(),
  node_type: z.string().optional(),
  subnet_id: z.string().optional(),
  security_group_id: z.string().optional(),
  number_of_node: z.number().int().optional(),
  availability_zone: z.string().optional(),
  port: z.number().int().optional(),
  version: z.string().optional(),
  vpc_id: z.string().optional(),
  user_name: z.string().optional(),
  public_ip: z.object({ public_bind_type: z.string(), eip_id: z.string().optional() }).nullable().optional(),
  public_endpoints: z.array(publicEndpointSchema).optional(),
  endpoints: z.array(endpointSchema).optional(),
  updated: z.string().optional(),
  created: z.string().optional(),
  enterprise_project_id: z.string().optional(),
  recent_event: z.number().int().optional(),
  tags: z.array(tagSchema).optional(),
  failed_reasons: z.unknown().optional(),
});
export type ClusterInfo = z.infer<typeof clusterInfoSchema>;

export const clusterListResponseSchema = z.object({
  clusters: z.array(clusterInfoSchema),
  count: z.number().int(),
});
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;
