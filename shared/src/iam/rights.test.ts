import { describe, expect, it } from 'vitest';
import { dwsActions, isDenied, rolesAllow, rolesGranting, sessionRights } from './rights.ts';

describe('rights from IAM roles', () => {
  it('grant by the system roles’ action patterns', () => {
    expect(rolesAllow(['DWS ReadOnlyAccess'], dwsActions.listClusters)).toBe(true);
    expect(rolesAllow(['DWS ReadOnlyAccess'], dwsActions.getSnapshot)).toBe(true);
    expect(rolesAllow(['DWS ReadOnlyAccess'], dwsActions.createCluster)).toBe(false);
    expect(rolesAllow(['DWS FullAccess'], dwsActions.resizeCluster)).toBe(true);
    expect(rolesAllow(['te_admin'], dwsActions.deleteSnapshot)).toBe(true);
    expect(rolesAllow([], dwsActions.listClusters)).toBe(false);
    expect(rolesAllow(undefined, dwsActions.listClusters)).toBe(false);
  });

  it('refuse for certain only when every role is known', () => {
    const viewer = sessionRights(['DWS ReadOnlyAccess']);
    expect(viewer.complete).toBe(true);
    expect(isDenied(viewer, 'createCluster')).toBe(true);
    expect(isDenied(viewer, 'listClusters')).toBe(false);
    // A custom policy the console cannot read may grant what the system roles do not: DWS will tell.
    const custom = sessionRights(['DWS ReadOnlyAccess', 'dws-operators']);
    expect(custom.complete).toBe(false);
    expect(isDenied(custom, 'createCluster')).toBe(false);
    expect(isDenied(undefined, 'createCluster')).toBe(false);
    expect(isDenied(sessionRights(undefined), 'createCluster')).toBe(false);
    expect(isDenied(sessionRights([]), 'createCluster')).toBe(true);
  });

  it('name the roles to ask for, not the tenant administrator', () => {
    expect(rolesGranting(dwsActions.createCluster)).toEqual(['DWS FullAccess', 'DWS Administrator']);
    expect(rolesGranting(dwsActions.listClusters)).toEqual([
      'DWS ReadOnlyAccess',
      'DWS FullAccess',
      'DWS Administrator',
    ]);
  });
});
