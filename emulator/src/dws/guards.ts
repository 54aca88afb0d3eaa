import { actionAllowed, dwsErrors, type ClusterAction } from '@dws-console/shared';
import { DwsError } from './dws-error.ts';
import type { ClusterRecord } from './state-store.ts';

/** Actions that work on the cluster's database itself, so its server has to be running. */
const needsRunningServer: ReadonlySet<ClusterAction> = new Set(['resetPassword', 'snapshot']);

/**
 * Every check of a cluster's status and task before an action, in one place: refuses when another task runs,
 * when the status does not allow the action (the console's table in `shared/`, so both sides agree), or when
 * the action needs a server that is not running.
 */
export function assertMay(action: ClusterAction, record: ClusterRecord, isRunning: boolean): void {
  assertIdle(record);
  const verdict = actionAllowed(action, record.fields);
  if (!verdict.allowed) {
    throw verdict.reason === 'task-running'
      ? DwsError.of(dwsErrors.clusterBusy, `${verdict.task} is in progress; try again when it has finished.`)
      : DwsError.of(dwsErrors.clusterNotAvailable, `Its status is ${verdict.status}.`);
  }
  if (needsRunningServer.has(action) && !isRunning) {
    throw DwsError.of(
      dwsErrors.clusterNotAvailable,
      'Its database server is not running; restart the cluster.',
    );
  }
}

/** The emulator knows its own running task better than the fields say (a creation has no task_status). */
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
