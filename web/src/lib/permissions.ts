import { useSyncExternalStore } from 'react';
import { rolesGranting, type ConsoleOperation } from '@dws-console/shared';
import { ApiError } from './api-client.ts';
import type { Locale } from './i18n.tsx';

/**
 * Actions the console asks permission for. The session's rights, read from its token's roles, say which are
 * refused before any click; a role the console does not know (a custom policy) leaves the answer to DWS, and the
 * console then learns a missing permission from the first 403 and remembers it for the rest of the page's life.
 */
export type PermissionAction =
  | 'cluster.create'
  | 'cluster.delete'
  | 'cluster.restart'
  | 'cluster.resize'
  | 'cluster.resetPassword'
  | 'snapshot.create'
  | 'snapshot.delete'
  | 'snapshot.restore'
  | 'traces.list';

/** The operation behind each action, whose IAM action the session's rights are about. */
export const operationOf: Record<PermissionAction, ConsoleOperation> = {
  'cluster.create': 'createCluster',
  'cluster.delete': 'deleteCluster',
  'cluster.restart': 'restartCluster',
  'cluster.resize': 'resizeCluster',
  'cluster.resetPassword': 'resetPassword',
  'snapshot.create': 'createSnapshot',
  'snapshot.delete': 'deleteSnapshot',
  'snapshot.restore': 'restoreSnapshot',
  'traces.list': 'listTraces',
};

/** The system roles to ask an administrator for, to be allowed `action`: "DWS FullAccess or DWS Administrator". */
export function grantingRoles(locale: Locale, action: string): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(rolesGranting(action));
}

export interface DeniedPermission {
  code: string;
  message: string;
  requestId?: string;
}

let denied = new Map<PermissionAction, DeniedPermission>();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

/** Remembers a refusal when `error` is a 403; anything else says nothing about permissions. */
export function rememberIfForbidden(action: PermissionAction, error: unknown): void {
  if (!(error instanceof ApiError) || error.status !== 403) return;
  denied = new Map(denied).set(action, {
    code: error.code,
    message: error.message,
    requestId: error.requestId,
  });
  emit();
}

/** Forgets every refusal: another user or project may have other rights. */
export function forgetPermissions(): void {
  if (denied.size === 0) return;
  denied = new Map();
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const noneDenied: ReadonlyMap<PermissionAction, DeniedPermission> = new Map();

/** The refusals seen so far, by action. */
export function useDeniedPermissions(): ReadonlyMap<PermissionAction, DeniedPermission> {
  return useSyncExternalStore(
    subscribe,
    () => denied,
    () => noneDenied,
  );
}
