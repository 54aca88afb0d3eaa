import { z } from 'zod/mini';
import { dwsRoutes, type DwsRouteName } from '../dws/routes.ts';

/** The IAM action each DWS operation needs (seed chapter 6), from the table of calls: the emulator checks them, the console shows them. */
export const dwsActions = Object.fromEntries(
  Object.entries(dwsRoutes).map(([name, route]) => [name, route.action]),
) as { readonly [Name in DwsRouteName]: (typeof dwsRoutes)[Name]['action'] };

/** The IAM actions the assistant asks for (decision 012). */
export const assistantActions = {
  /** Reading a cluster's insides, as its detail page does: the read-only role has it. */
  ask: dwsActions.getCluster,
  /** Registering hands DBMind a database account and its password: the trust of setting that password. */
  register: dwsActions.resetPassword,
} as const;

export type DwsOperation = DwsRouteName;

/** What the console offers, each with the IAM action it needs: DWS's calls and Cloud Trace Service's trace list. */
export const consoleActions = { ...dwsActions, listTraces: 'cts:trace:list' } as const;
export type ConsoleOperation = keyof typeof consoleActions;
const consoleOperations = Object.keys(consoleActions) as [ConsoleOperation, ...ConsoleOperation[]];

/**
 * What IAM's system roles grant, as action patterns, in the order a console suggests them. A token carries role
 * names, not the policies behind them, so this table is how the console and the emulator agree on a user's rights.
 */
export const systemRoleGrants = {
  'DWS ReadOnlyAccess': ['dws:*:list', 'dws:*:get', 'dws:*:getDetail', 'dws:*:detail'],
  'DWS FullAccess': ['dws:*:*'],
  'DWS Administrator': ['dws:*:*'],
  te_admin: ['*:*:*'],
  // Cloud Trace Service's read-only role: the operations log's trace list.
  'CTS ReadOnlyAccess': ['cts:*:list', 'cts:*:get'],
} as const satisfies Record<string, readonly string[]>;
export type SystemRole = keyof typeof systemRoleGrants;
export const systemRoles = Object.keys(systemRoleGrants) as [SystemRole, ...SystemRole[]];

function isSystemRole(role: string): role is SystemRole {
  return Object.hasOwn(systemRoleGrants, role);
}

function grants(pattern: string, action: string): boolean {
  const wanted = action.split(':');
  return pattern.split(':').every((part, i) => part === '*' || part === wanted[i]);
}

/** Whether any of `roles` grants `action`; a role this table does not know grants nothing here. */
export function rolesAllow(roles: readonly string[] | undefined, action: string): boolean {
  return (roles ?? []).some(
    (role) => isSystemRole(role) && systemRoleGrants[role].some((pattern) => grants(pattern, action)),
  );
}

/** The system roles that would grant `action`, to name in a refusal ("ask for DWS FullAccess"). */
export function rolesGranting(action: string): SystemRole[] {
  return systemRoles.filter((role) => role !== 'te_admin' && rolesAllow([role], action));
}

/**
 * What the session may do in the console, from its token's roles. `complete` is false when the token also names roles
 * this console does not know (a custom policy), or its roles are not known: an operation missing from `allowed`
 * may then still be allowed, and only DWS's answer tells.
 */
export const sessionRightsSchema = z.object({
  allowed: z.array(z.enum(consoleOperations)),
  complete: z.boolean(),
});
export type SessionRights = z.infer<typeof sessionRightsSchema>;

export function sessionRights(roles: readonly string[] | undefined): SessionRights {
  return {
    allowed: consoleOperations.filter((operation) => rolesAllow(roles, consoleActions[operation])),
    // A session kept from before roles were recorded knows nothing of them: DWS decides, as for a custom policy.
    complete: roles !== undefined && roles.every(isSystemRole),
  };
}

/** Whether the rights say for certain that `operation` is refused. */
export function isDenied(rights: SessionRights | undefined, operation: ConsoleOperation): boolean {
  return rights !== undefined && rights.complete && !rights.allowed.includes(operation);
}
