import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { traceListResponseSchema, type Trace, type TraceListResponse } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { traceQuery, type TraceFilters } from '../trace-filters.ts';
import { traceKeys } from './keys.ts';

export const tracePageSize = 20;

interface TracePageParam {
  now: number;
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
 * Pages through CTS's `next` marker. The range ends when the first page was asked for, so later pages
 * continue the same list instead of sliding with the clock.
 */
export const tracesQueryOptions = (filters: TraceFilters, limit = tracePageSize) =>
  infiniteQueryOptions<
    TraceListResponse,
    Error,
    InfiniteData<TraceListResponse>,
    readonly unknown[],
    TracePageParam
  >({
    queryKey: [...traceKeys.list(filters), limit] as const,
    queryFn: ({ pageParam, signal }) =>
      getTraces(
        filters,
        { now: pageParam.now, limit, ...(pageParam.next ? { next: pageParam.next } : {}) },
        signal,
      ),
    initialPageParam: { now: Date.now() },
    getNextPageParam: (last, _pages, param) =>
      last.meta_data.marker ? { now: param.now, next: last.meta_data.marker } : undefined,
  });

export function useTracesQuery(filters: TraceFilters, limit?: number) {
  return useInfiniteQuery(tracesQueryOptions(filters, limit));
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
