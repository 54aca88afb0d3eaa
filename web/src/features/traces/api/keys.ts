import { projectKey } from '../../../lib/session-scope.tsx';
import type { TraceFilters } from '../trace-filters.ts';

/** A project's operations log is its own (CTS keeps traces per project): a switch must not show another's. */
export const traceKeys = {
  all: (projectId: string) => [...projectKey(projectId), 'traces'] as const,
  lists: (projectId: string) => [...traceKeys.all(projectId), 'list'] as const,
  list: (projectId: string, filters: TraceFilters) => [...traceKeys.lists(projectId), filters] as const,
};
