import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import { bffErrorCodes, clusterListResponseSchema, dwsRoutes } from '@dws-console/shared';
import type { Session } from '../auth/session-store.ts';
import { storageKey } from '../auth/session-store.ts';
import { HttpError } from '../http/errors.ts';
import { getUpstreamJson } from '../http/upstream-json.ts';

/**
 * DBMind serves every tenant of the cloud and knows nothing of projects; the console is the boundary.
 * See docs/decisions/012-tenants-in-the-assistant.md.
 */

/** The user id DBMind gets: from the IAM ids, which are unique, never from names (`ops.bob` and `ops-bob`). */
export function dbmindUserId(session: Pick<Session, 'domain' | 'user'>): string {
  const digest = createHash('sha256').update(`${session.domain.id}/${session.user.id}`).digest('hex');
  return `u_${digest.slice(0, 40)}`;
}

/**
 * DBMind keeps a conversation's chosen cluster under (user, session): the browser's session id is tagged with
 * the project, so the same user in two projects never shares a DBMind session and its chosen cluster.
 */
export function dbmindSessionId(session: Pick<Session, 'project'>, browserSessionId: string): string {
  const tag = createHash('sha256').update(session.project.id).digest('hex').slice(0, 12);
  return `${browserSessionId}_p${tag}`;
}

/** The IAM actions the assistant asks for (decision 012). */
export const dbmindActions = {
  /** Reading a cluster's insides, as its detail page does: the read-only role has it. */
  ask: dwsRoutes.getCluster.action,
  /** Registering hands DBMind a database account and its password: the trust of setting that password. */
  register: dwsRoutes.resetPassword.action,
} as const;

/**
 * What IAM's system roles grant, as action patterns. A token carries role names, not the policies behind
 * them, so the console knows its user's rights only through this table; DWS still checks every DWS call.
 */
const roleGrants: Record<string, string[]> = {
  te_admin: ['*:*:*'],
  'DWS Administrator': ['dws:*:*'],
  'DWS FullAccess': ['dws:*:*'],
  'DWS ReadOnlyAccess': ['dws:*:list', 'dws:*:get', 'dws:*:getDetail', 'dws:*:detail'],
};

export function isAllowed(roles: readonly string[] | undefined, action: string): boolean {
  const wanted = action.split(':');
  return (roles ?? []).some((role) =>
    (roleGrants[role] ?? []).some((grant) =>
      grant.split(':').every((part, i) => part === '*' || part === wanted[i]),
    ),
  );
}

/** `host:port` compared the way DBMind does: case-insensitive host, no brackets, loopback spellings alike. */
export function normaliseAddress(address: string): string {
  const match = /^(?:\[([^\]]+)\]|(.+)):(\d{1,5})$/.exec(address.trim());
  if (!match) return address.trim().toLowerCase();
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' ? '127.0.0.1' : host;
  return `${loopback}:${Number(match[3])}`;
}

/** The `host:port` addresses of the DWS clusters a session's own token lists in its own project. */
export type ProjectInstances = (session: Session & { id: string }) => Promise<Set<string>>;

/** A DWS cluster of the session's project as the assistant needs it: its id and its addresses. */
export interface ProjectCluster {
  id: string;
  /** Normalised `host:port` of its endpoints, the private one first. */
  addresses: string[];
}

/** The DWS clusters a session's own token lists in its own project. */
export type ProjectClusters = (session: Session & { id: string }) => Promise<ProjectCluster[]>;

/** Every address of the project's clusters: what a session may ask DBMind about. */
export function instancesOf(clusters: ProjectClusters): ProjectInstances {
  return async (session) => new Set((await clusters(session)).flatMap((cluster) => cluster.addresses));
}

/**
 * Asks DWS with the session's token, so the answer is what IAM lets that token see. Cached for `ttlMs` per
 * session and project: a chat page asks several times a second, DWS need not hear it every time.
 */
export function dwsProjectClusters(deps: {
  endpoint: string;
  agent: Agent;
  timeoutMs: number;
  ttlMs: number;
  now?: () => number;
}): ProjectClusters {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { until: number; clusters: Promise<ProjectCluster[]> }>();
  return (session) => {
    const at = now();
    for (const [key, entry] of cache) if (entry.until <= at) cache.delete(key);
    const key = `${storageKey(session.id)}/${session.project.id}`;
    const cached = cache.get(key);
    if (cached) return cached.clusters;
    const clusters = listClusters(deps, session);
    cache.set(key, { until: at + deps.ttlMs, clusters });
    // A failure is not remembered: the next question asks DWS again.
    clusters.catch(() => cache.delete(key));
    return clusters;
  };
}

/** The instances of `dwsProjectClusters`. */
export function dwsProjectInstances(deps: Parameters<typeof dwsProjectClusters>[0]): ProjectInstances {
  return instancesOf(dwsProjectClusters(deps));
}

async function listClusters(
  deps: { endpoint: string; agent: Agent; timeoutMs: number },
  session: Session,
): Promise<ProjectCluster[]> {
  const url = new URL(`/v1.0/${encodeURIComponent(session.project.id)}/clusters`, deps.endpoint);
  const answer = await getUpstreamJson(deps, url, session.token, unreachable);
  // A token that may not list clusters sees none.
  if (answer.status === 403) return [];
  if (answer.status === 401) {
    throw new HttpError(401, bffErrorCodes.sessionExpired, 'The session has expired. Log in again.');
  }
  const parsed = clusterListResponseSchema.safeParse(answer.body);
  if (answer.status !== 200 || !parsed.success) throw unreachable();
  return parsed.data.clusters.map((cluster) => ({
    id: cluster.id,
    addresses: [
      ...(cluster.endpoints ?? []).map((e) => normaliseAddress(e.connect_info)),
      ...(cluster.public_endpoints ?? []).flatMap((e) =>
        e.public_connect_info ? [normaliseAddress(e.public_connect_info)] : [],
      ),
    ],
  }));
}

function unreachable(): HttpError {
  return new HttpError(
    502,
    bffErrorCodes.upstreamUnavailable,
    "The project's clusters cannot be listed (DWS did not answer as expected).",
  );
}

/** A fixed set (tests whose DBMind is a stand-in and whose subject is not tenancy). */
export function fixedProjectInstances(addresses: string[]): ProjectInstances {
  const set = new Set(addresses.map(normaliseAddress));
  return () => Promise.resolve(set);
}
