import type { z } from 'zod/mini';
import {
  createClusterRequestSchema,
  createSnapshotRequestSchema,
  deleteClusterRequestSchema,
  resetPasswordRequestSchema,
  resizeClusterRequestSchema,
  restartClusterRequestSchema,
  restoreSnapshotRequestSchema,
} from './requests.ts';

/** One DWS API call (seed chapter 5) and the IAM action it needs (chapter 6). */
export interface DwsRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** The version segment before the project id: node types are a v2 call, the rest v1.0. */
  version: 'v1.0' | 'v2';
  /** Below `/{version}/{project_id}`, in Express's form: `:cluster_id` or `:snapshot_id` for the one parameter. */
  path: string;
  action: string;
  /** Schema of the JSON body; a call without one takes no body. */
  body?: z.ZodMiniType;
}

/**
 * The 13 calls the console makes, and the only ones: the emulator serves them and the BFF forwards nothing
 * else, so a call added here is added on both sides at once.
 */
export const dwsRoutes = {
  listClusters: {
    method: 'GET',
    version: 'v1.0',
    path: '/clusters',
    action: 'dws:openAPICluster:list',
  },
  createCluster: {
    method: 'POST',
    version: 'v1.0',
    path: '/clusters',
    action: 'dws:openAPICluster:create',
    body: createClusterRequestSchema,
  },
  getCluster: {
    method: 'GET',
    version: 'v1.0',
    path: '/clusters/:cluster_id',
    action: 'dws:openAPICluster:getDetail',
  },
  deleteCluster: {
    method: 'DELETE',
    version: 'v1.0',
    path: '/clusters/:cluster_id',
    action: 'dws:openAPICluster:delete',
    body: deleteClusterRequestSchema,
  },
  restartCluster: {
    method: 'POST',
    version: 'v1.0',
    path: '/clusters/:cluster_id/restart',
    action: 'dws:openAPICluster:restart',
    body: restartClusterRequestSchema,
  },
  resizeCluster: {
    method: 'POST',
    version: 'v1.0',
    path: '/clusters/:cluster_id/resize',
    action: 'dws:cluster:scaleOutOrOpenAPIResize',
    body: resizeClusterRequestSchema,
  },
  resetPassword: {
    method: 'POST',
    version: 'v1.0',
    path: '/clusters/:cluster_id/reset-password',
    action: 'dws:openAPICluster:resetPassword',
    body: resetPasswordRequestSchema,
  },
  listSnapshots: {
    method: 'GET',
    version: 'v1.0',
    path: '/snapshots',
    action: 'dws:openAPISnapshot:list',
  },
  createSnapshot: {
    method: 'POST',
    version: 'v1.0',
    path: '/snapshots',
    action: 'dws:openAPISnapshot:create',
    body: createSnapshotRequestSchema,
  },
  getSnapshot: {
    method: 'GET',
    version: 'v1.0',
    path: '/snapshots/:snapshot_id',
    action: 'dws:openAPISnapshot:detail',
  },
  deleteSnapshot: {
    method: 'DELETE',
    version: 'v1.0',
    path: '/snapshots/:snapshot_id',
    action: 'dws:openAPISnapshot:delete',
  },
  restoreSnapshot: {
    method: 'POST',
    version: 'v1.0',
    path: '/snapshots/:snapshot_id/actions',
    action: 'dws:openAPISnapshot:restore',
    body: restoreSnapshotRequestSchema,
  },
  listNodeTypes: {
    method: 'GET',
    version: 'v2',
    path: '/node-types',
    action: 'dws:openAPIFlavors:get',
  },
} as const satisfies Record<string, DwsRoute>;

export type DwsRouteName = keyof typeof dwsRoutes;
