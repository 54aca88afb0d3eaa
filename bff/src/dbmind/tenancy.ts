import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import { bffErrorCodes, clusterListResponseSchema } from '@dws-console/shared';
import { z } from 'zod/mini';
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

/** `host:port` compared the way DBMind does: case-insensitive host, no brackets, loopback spellings alike. */
export function normaliseAddress(address: string): string {
  const match = /^(?:\[([^\]]+)\]|(.+)):(\d{1,5})$/.exec(address.trim());
  if (!match) return address.trim().toLowerCase();
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' ? '127.0.0.1' : host;
  return `${loopback}:${Number(match[3])}`;
}

/**
 * The `host:port` addresses of the DWS clusters a session's own token lists in its own project; `wanted`, when
 * given and not among them, makes a remembered list be read again once (a cluster newer than the list).
 */
export type ProjectInstances = (session: Session & { id: string }, wanted?: string) => Promise<Set<string>>;

/** A DWS cluster of the session's project as the assistant needs it: its id and its addresses. */
export interface ProjectCluster {
  id: string;
  /** Normalised `host:port` of its endpoints, the private one first. */
  addresses: string[];
}

/** The DWS clusters a session's own token lists in its own project. */
export interface ProjectClusters {
  list(session: Session & { id: string }): Promise<ProjectCluster[]>;
  /**
   * The first cluster `test` accepts; a remembered list without one is read again once, so a cluster created
   * a moment ago (by another console process, or still without its endpoints then) is found.
   */
  find(
    session: Session & { id: string },
    test: (cluster: ProjectCluster) => boolean,
  ): Promise<ProjectCluster | undefined>;
  /** Forgets what every session of the project was told: the console itself created, restored or deleted one. */
  forget(projectId: string): void;
}

/** Every address of the project's clusters: what a session may ask DBMind about. */
export function instancesOf(clusters: ProjectClusters): ProjectInstances {
  return async (session, wanted) => {
    if (wanted !== undefined) {
      const address = normaliseAddress(wanted);
      await clusters.find(session, (cluster) => cluster.addresses.includes(address));
    }
    return new Set((await clusters.list(session)).flatMap((cluster) => cluster.addresses));
  };
}

/** The project's cluster with this id, read again when a remembered list lacks it or its endpoints. */
export async function clusterById(
  clusters: ProjectClusters,
  session: Session & { id: string },
  clusterId: string,
): Promise<ProjectCluster | undefined> {
  const withEndpoints = await clusters.find(session, (c) => c.id === clusterId && c.addresses.length > 0);
  return withEndpoints ?? (await clusters.list(session)).find((c) => c.id === clusterId);
}

interface Remembered {
  until: number;
  projectId: string;
  clusters: Promise<ProjectCluster[]>;
}

/**
 * Asks DWS with the session's token, so the answer is what IAM lets that token see. Remembered for `ttlMs` per
 * session and project: a chat page asks several times a second, DWS need not hear it every time. The console's
 * own writes forget a project's lists at once, and a cluster missing from a remembered list is asked for again,
 * so the time only bounds how long a cluster deleted elsewhere is still believed to exist.
 */
export class DwsProjectClusters implements ProjectClusters {
  readonly #remembered = new Map<string, Remembered>();
  readonly #deps: { endpoint: string; agent: Agent; timeoutMs: number; ttlMs: number };
  readonly #now: () => number;

  constructor(deps: {
    endpoint: string;
    agent: Agent;
    timeoutMs: number;
    ttlMs: number;
    now?: () => number;
  }) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  list(session: Session & { id: string }): Promise<ProjectCluster[]> {
    const at = this.#now();
    for (const [key, entry] of this.#remembered) if (entry.until <= at) this.#remembered.delete(key);
    return this.#remembered.get(keyOf(session))?.clusters ?? this.#read(session);
  }

  async find(
    session: Session & { id: string },
    test: (cluster: ProjectCluster) => boolean,
  ): Promise<ProjectCluster | undefined> {
    const remembered = this.#remembered.get(keyOf(session))?.clusters;
    const clusters = this.list(session);
    const found = (await clusters).find(test);
    if (found || clusters !== remembered) return found;
    // Another question may have read it again meanwhile: that answer is as fresh as one more would be.
    const current = this.#remembered.get(keyOf(session))?.clusters;
    const fresh = current !== undefined && current !== clusters ? current : this.#read(session);
    return (await fresh).find(test);
  }

  forget(projectId: string): void {
    for (const [key, entry] of this.#remembered)
      if (entry.projectId === projectId) this.#remembered.delete(key);
  }

  #read(session: Session & { id: string }): Promise<ProjectCluster[]> {
    const key = keyOf(session);
    const clusters = listClusters(this.#deps, session);
    this.#remembered.set(key, {
      until: this.#now() + this.#deps.ttlMs,
      projectId: session.project.id,
      clusters,
    });
    // A failure is not remembered: the next question asks DWS again.
    clusters.catch(() => {
      if (this.#remembered.get(key)?.clusters === clusters) this.#remembered.delete(key);
    });
    return clusters;
  }
}

/**
 * Read for every question and cluster page, and a project may hold thousands of clusters: zod/mini's objects are
 * interpreted, and the compiled parser reads a list of 10,000 clusters some ten times faster (decision 037).
 */
const clusterList = z.compile(clusterListResponseSchema);

const keyOf = (session: Session & { id: string }) => `${storageKey(session.id)}/${session.project.id}`;

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
  const parsed = clusterList.safeParse(answer.body);
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
