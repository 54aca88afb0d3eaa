import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { traceListResponseSchema, type Trace, type TraceListResponse } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { followsWrites } from '../../../lib/query-client.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';
import { traceQuery, type TraceFilters } from '../trace-filters.ts';
import { traceKeys } from './keys.ts';

export const tracePageSize = 20;

/** A page of the log, with the moment its range ends (`to`), which the pages after it keep. */
export interface TracePage extends TraceListResponse {
  now: number;
}

/** The first page's range ends when it is fetched; a later page continues the first one's range. */
interface TracePageParam {
  now?: number;
  next?: string;
}

export async function getTraces(
  filters: TraceFilters,
  page: { now: number; limit: number; next?: string },
  signal?: AbortSignal,
): Promise<TraceListResponse> {
  const query = traceQuery(filters, page.now, page);
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return traceListResponseSchema.parse(await apiRequest(`/api/traces?${search.toString()}`, { signal }));
}

/**
 * Pages through CTS's `next` marker. The range ends when the first page is fetched, so later pages continue
 * the same list instead of sliding with the clock, and a refetch (Refresh, a write of the console's own)
 * starts a range that holds what happened since. The log follows the console's writes (`followsWrites`):
 * each of them is an operation CTS records.
 */
export const tracesQueryOptions = (projectId: string, filters: TraceFilters, limit = tracePageSize) =>
  infiniteQueryOptions<TracePage, Error, InfiniteData<TracePage>, readonly unknown[], TracePageParam>({
    queryKey: [...traceKeys.list(projectId, filters), limit] as const,
    queryFn: async ({ pageParam, signal }) => {
      const now = pageParam.now ?? Date.now();
      const page = await getTraces(
        filters,
        { now, limit, ...(pageParam.next ? { next: pageParam.next } : {}) },
        signal,
      );
      return { ...page, now };
    },
    initialPageParam: {},
    getNextPageParam: (last) =>
      last.meta_data.marker ? { now: last.now, next: last.meta_data.marker } : undefined,
    meta: followsWrites,
  });

export function useTracesQuery(filters: TraceFilters, limit?: number) {
  return useInfiniteQuery(tracesQueryOptions(useProjectId(), filters, limit));
}

/** Every trace the filters select, page by page (the CSV export). */
export async function getAllTraces(filters: TraceFilters, now: number): Promise<Trace[]> {
  const all: Trace[] = [];
  let next: string | undefined;
  do {
    const page = await getTraces(filters, { now, limit: 200, ...(next ? { next } : {}) });
    all.push(...page.traces);
    next = page.meta_data.marker ?? undefined;
  } while (next);
  return all;
}
