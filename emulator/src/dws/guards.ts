import { dwsErrors, type ClusterStatus } from '@dws-console/shared';
import { DwsError } from './dws-error.ts';
import type { ClusterRecord } from './state-store.ts';

/** The actions on an existing cluster, and what each needs of it. */
const actionNeeds = {
  restart: { statuses: ['AVAILABLE', 'UNAVAILABLE'], running: false },
  resize: { statuses: ['AVAILABLE'], running: false },
  'reset-password': { statuses: ['AVAILABLE'], running: true },
  snapshot: { statuses: ['AVAILABLE'], running: true },
  delete: { statuses: null, running: false },
} as const satisfies Record<string, { statuses: readonly ClusterStatus[] | null; running: boolean }>;

export type ClusterAction = keyof typeof actionNeeds;

/**
 * Every check of a cluster's status and task before an action, in one place: refuses with 409 when another task
 * runs, the status does not allow the action, or the action needs a server that is not running.
 */
export function assertMay(action: ClusterAction, record: ClusterRecord, isRunning: boolean): void {
  assertIdle(record);
  const needs: { statuses: readonly ClusterStatus[] | null; running: boolean } = actionNeeds[action];
  if (needs.statuses && !needs.statuses.includes(record.fields.status)) {
    throw DwsError.of(dwsErrors.clusterNotAvailable, `Its status is ${record.fields.status}.`);
  }
  if (needs.running && !isRunning) {
    throw DwsError.of(
      dwsErrors.clusterNotAvailable,
      'Its database server is not running; restart the cluster.',
    );
  }
}

function assertIdle(record: ClusterRecord): void {
  const operation = record.local.operation;
  if (!operation) return;
  const running =
    record.fields.task_status ??
    (operation.kind === 'delete'
      ? 'DELETING'
      : record.fields.status === 'CREATING'
        ? 'CREATING'
        : operation.kind);
  throw DwsError.of(dwsErrors.clusterBusy, `${running} is in progress; try again when it has finished.`);
}
