import type { z } from 'zod/mini';
import { dwsRoutes } from '@dws-console/shared';

/** One allow-listed DWS call: the console path the browser uses and the API path it maps to. */
export interface ProxiedRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Console path below `/api/dws`, with `:id` for the one path parameter. */
  path: string;
  /** The upstream path for a project and the matched id. */
  target: (projectId: string, id: string) => string;
  /** Schema of the JSON body; a route without one forwards no body. */
  body?: z.ZodMiniType;
}

const parameter = /:\w+/;

/** Every call the console makes, and nothing else: shared's table of the DWS API, below `/api/dws`. */
export const proxiedRoutes: ProxiedRoute[] = Object.values(dwsRoutes).map((route) => ({
  method: route.method,
  path: route.path.replace(parameter, ':id'),
  target: (projectId, id) => `/${route.version}/${projectId}${route.path.replace(parameter, id)}`,
  body: 'body' in route ? route.body : undefined,
}));

/** Split once: every proxied request is matched against each of them. */
const routePatterns = proxiedRoutes.map((route) => ({ route, pattern: route.path.split('/') }));

/** Resource ids are UUID-like; anything else (encoded slashes, dots, unicode) never matches. */
const idPattern = /^[A-Za-z0-9-]{1,64}$/;

export interface MatchedRoute {
  route: ProxiedRoute;
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
