import { describe, expect, it } from 'vitest';
import { actionAllowed, clusterActions } from './cluster-actions.ts';

describe('actionAllowed', () => {
  it('refuses every action while the cluster is being created, naming the status', () => {
    for (const action of clusterActions) {
      expect(actionAllowed(action, { status: 'CREATING', task_status: null })).toEqual({
        allowed: false,
        reason: 'status',
        status: 'CREATING',
      });
    }
  });

  it('refuses every action while a task runs, naming the task from task_status or action_progress', () => {
    for (const action of clusterActions) {
      expect(actionAllowed(action, { status: 'AVAILABLE', task_status: 'REBOOTING' })).toEqual({
        allowed: false,
        reason: 'task-running',
        task: 'REBOOTING',
      });
      expect(actionAllowed(action, { status: 'AVAILABLE', action_progress: { GROWING: '40%' } })).toEqual({
        allowed: false,
        reason: 'task-running',
        task: 'GROWING',
      });
    }
  });

  it('allows every action on an idle available cluster, also after a failed task', () => {
    for (const action of clusterActions) {
      expect(actionAllowed(action, { status: 'AVAILABLE' })).toEqual({ allowed: true });
      expect(actionAllowed(action, { status: 'ACTIVE', task_status: 'RESIZE_FAILURE' })).toEqual({
        allowed: true,
      });
    }
  });

  it('lets an unavailable cluster be restarted or deleted, nothing else', () => {
    const allowed = clusterActions.filter((a) => actionAllowed(a, { status: 'UNAVAILABLE' }).allowed);
    expect(allowed).toEqual(['restart', 'delete']);
  });

  it('lets a cluster whose creation failed only be deleted', () => {
    const allowed = clusterActions.filter((a) => actionAllowed(a, { status: 'CREATION FAILED' }).allowed);
    expect(allowed).toEqual(['delete']);
  });

  it('refuses everything to a cluster being deleted or of an unknown status', () => {
    for (const status of ['DELETING', 'DELETED', 'SOMETHING_NEW']) {
      expect(clusterActions.filter((a) => actionAllowed(a, { status }).allowed)).toEqual([]);
    }
  });
});
