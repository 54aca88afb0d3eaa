import type { TraceFilters } from '../trace-filters.ts';

export const traceKeys = {
  all: ['traces'] as const,
  lists: () => [...traceKeys.all, 'list'] as const,
  list: (filters: TraceFilters) => [...traceKeys.lists(), filters] as const,
};
