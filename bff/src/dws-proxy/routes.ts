import type { ZodType } from 'zod';
import {
  createClusterRequestSchema,
  createSnapshotRequestSchema,
  deleteClusterRequestSchema,
  resetPasswordRequestSchema,
  resizeClusterRequestSchema,
  restartClusterRequestSchema,
  restoreSnapshotRequestSchema,
} from '@dws-console/shared';

/** One allow-listed DWS call: the console path the browser uses and the API path it maps to. */
export interface DwsRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Console path below `/api/dws`, with `:id` for the one path parameter. */
  path: string;
  /** The upstream path for a project and the matched id. */
  target: (projectId: string, id: string) => string;
  /** Schema of the JSON body; a route without one forwards no body. */
  body?: ZodType;
}

const cluster = (p: string, id: string) => `/v1.0/${p}/clusters/${id}`;
const snapshot = (p: string, id: string) => `/v1.0/${p}/snapshots/${id}`;

/** Every call the console makes, and nothing else (seed chapter 5). */
export const dwsRoutes: DwsRoute[] = [
  { method: 'GET', path: '/clusters', target: (p) => `/v1.0/${p}/clusters` },
  {
    method: 'POST',
    path: '/clusters',
    target: (p) => `/v1.0/${p}/clusters`,
    body: createClusterRequestSchema,
  },
  { method: 'GET', path: '/clusters/:id', target: cluster },
  { method: 'DELETE', path: '/clusters/:id', target: cluster, body: deleteClusterRequestSchema },
  {
    method: 'POST',
    path: '/clusters/:id/restart',
    target: (p, id) => `${cluster(p, id)}/restart`,
    body: restartClusterRequestSchema,
  },
  {
    method: 'POST',
    path: '/clusters/:id/resize',
    target: (p, id) => `${cluster(p, id)}/resize`,
    body: resizeClusterRequestSchema,
  },
  {
    method: 'POST',
    path: '/clusters/:id/reset-password',
    target: (p, id) => `${cluster(p, id)}/reset-password`,
    body: resetPasswordRequestSchema,
  },
  { method: 'GET', path: '/snapshots', target: (p) => `/v1.0/${p}/snapshots` },
  {
    method: 'POST',
    path: '/snapshots',
    target: (p) => `/v1.0/${p}/snapshots`,
    body: createSnapshotRequestSchema,
  },
  { method: 'GET', path: '/snapshots/:id', target: snapshot },
  { method: 'DELETE', path: '/snapshots/:id', target: snapshot },
  {
    method: 'POST',
    path: '/snapshots/:id/actions',
    target: (p, id) => `${snapshot(p, id)}/actions`,
    body: restoreSnapshotRequestSchema,
  },
  { method: 'GET', path: '/node-types', target: (p) => `/v2/${p}/node-types` },
];

/** Split once: every proxied request is matched against each of them. */
const routePatterns = dwsRoutes.map((route) => ({ route, pattern: route.path.split('/') }));

/** Resource ids are UUID-like; anything else (encoded slashes, dots, unicode) never matches. */
const idPattern = /^[A-Za-z0-9-]{1,64}$/;

export interface MatchedRoute {
  route: DwsRoute;
  id: string;
}

/**
 * Matches the raw, still-encoded path against the allow-list. Working on the raw path means
 * `%2F`, `%2e%2e` and friends fail the id rule instead of being decoded into another path.
 */
export function matchDwsRoute(method: string, rawPath: string): MatchedRoute | undefined {
  const segments = rawPath.split('/');
  for (const { route, pattern } of routePatterns) {
    if (route.method !== method) continue;
    if (pattern.length !== segments.length) continue;
    let id = '';
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part !== ':id') return part === segment;
      id = segment;
      return idPattern.test(segment);
    });
    if (matches) return { route, id };
  }
  return undefined;
}
