import type { clusterStatuses, clusterTaskStatuses } from './cluster.ts';

/** What a user may do to a cluster from the console; each has a DWS request of its own. */
export const clusterActions = ['restart', 'resize', 'resetPassword', 'snapshot', 'delete'] as const;
export type ClusterAction = (typeof clusterActions)[number];

type ClusterStatus = (typeof clusterStatuses)[number];
type ClusterTask = (typeof clusterTaskStatuses)[number];

/**
 * The statuses in which each action may start. The newer service's `ACTIVE` and `FAILED` stand beside the seed's
 * `AVAILABLE` and `UNAVAILABLE`; a cluster that is being created or deleted can do nothing until that ends.
 */
export const actionStatuses: Record<ClusterAction, readonly ClusterStatus[]> = {
  restart: ['AVAILABLE', 'ACTIVE', 'UNAVAILABLE', 'FAILED'],
  resize: ['AVAILABLE', 'ACTIVE'],
  resetPassword: ['AVAILABLE', 'ACTIVE'],
  snapshot: ['AVAILABLE', 'ACTIVE'],
  delete: [
    'AVAILABLE',
    'ACTIVE',
    'UNAVAILABLE',
    'FAILED',
    'CREATION FAILED',
    'CREATE_FAILED',
    'DELETE_FAILED',
    'FROZEN',
  ],
};

/**
 * Tasks that are still running: while one runs, no other action may start (DWS answers "cluster busy"). The
 * `*_FAILURE` values report how the last task ended and block nothing.
 */
export const runningTasks: readonly ClusterTask[] = [
  'RESTORING',
  'SNAPSHOTTING',
  'GROWING',
  'REBOOTING',
  'SETTING_CONFIGURATION',
  'CONFIGURING_EXT_DATASOURCE',
  'DELETING_EXT_DATASOURCE',
];

/** Why an action may not start: a task is running, or the cluster's status does not allow it. */
export type ActionRefusal =
  | { allowed: false; reason: 'task-running'; task: string }
  | { allowed: false; reason: 'status'; status: string };
export type ActionVerdict = { allowed: true } | ActionRefusal;

export interface ActionSubject {
  status: string;
  task_status?: string | null | undefined;
  action_progress?: Record<string, string> | null | undefined;
}

/** The task a cluster is busy with, from `task_status` or the key of `action_progress`; undefined when idle. */
export function runningTask(cluster: ActionSubject): string | undefined {
  const task = cluster.task_status ?? Object.keys(cluster.action_progress ?? {})[0];
  return task && (runningTasks as readonly string[]).includes(task) ? task : undefined;
}

/** Whether `action` may start on `cluster` now, and why not when it may not. */
export function actionAllowed(action: ClusterAction, cluster: ActionSubject): ActionVerdict {
  const task = runningTask(cluster);
  if (task) return { allowed: false, reason: 'task-running', task };
  if (!(actionStatuses[action] as readonly string[]).includes(cluster.status)) {
    return { allowed: false, reason: 'status', status: cluster.status };
  }
  return { allowed: true };
}
