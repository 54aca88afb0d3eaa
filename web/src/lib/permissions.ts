import { useSyncExternalStore } from 'react';
import { ApiError } from './api-client.ts';

/**
 * Actions the console asks permission for. IAM policies cannot be read by a user without IAM rights, so the
 * console learns a missing permission from the first 403 and remembers it for the rest of the page's life.
 */
export type PermissionAction =
  | 'cluster.create'
  | 'cluster.delete'
  | 'cluster.restart'
  | 'cluster.resize'
  | 'cluster.resetPassword'
  | 'snapshot.create'
  | 'snapshot.delete'
  | 'snapshot.restore';

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

/** The refusal seen for `action`, or undefined while the action is believed allowed. */
export function useDeniedPermission(action: PermissionAction): DeniedPermission | undefined {
  return useSyncExternalStore(
    subscribe,
    () => denied.get(action),
    () => undefined,
  );
}
