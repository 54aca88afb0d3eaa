import type { ClusterInfo } from '@dws-console/shared';

/** How often the console looks again while something is changing on the service's side. */
export const transitionalRefreshMs = 3_000;

/**
 * How often a cluster's page looks again while nothing is changing: a server that fails on its own (the service
 * reports it UNAVAILABLE) shows on the page an administrator is watching within this time.
 */
export const steadyRefreshMs = 15_000;

/** The refetch interval of one cluster's page: quick while it moves, slow while it stands still. */
export function detailRefetchInterval(
  cluster: Pick<ClusterInfo, 'status' | 'task_status' | 'action_progress'> | undefined,
): number | false {
  if (!cluster) return false;
  return isTransitional(cluster) ? transitionalRefreshMs : steadyRefreshMs;
}

/**
 * A cluster is on its way somewhere while it is being created or deleted, while a task runs (`task_status`
 * ends in -ING: GROWING, REBOOTING, ...) or while the service reports progress for an action.
 */
export function isTransitional(
  cluster: Pick<ClusterInfo, 'status' | 'task_status' | 'action_progress'>,
): boolean {
  if (cluster.status === 'CREATING' || cluster.status === 'DELETING') return true;
  if (cluster.task_status && cluster.task_status.includes('ING')) return true;
  return Object.keys(cluster.action_progress ?? {}).length > 0;
}

/** The refetch interval for a list: polling only while at least one cluster is transitional. */
export function listRefetchInterval(clusters: readonly ClusterInfo[] | undefined): number | false {
  return clusters?.some(isTransitional) ? transitionalRefreshMs : false;
}
