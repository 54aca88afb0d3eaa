import { traceRatings, type TraceListQuery, type TraceRating } from '@dws-console/shared';

/** The time ranges the log offers, newest first; CTS keeps seven days, so that is the widest. */
export const traceRanges = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type TraceRange = keyof typeof traceRanges;

/** What an administrator narrows the log by; each is a parameter of the page's URL, so a view can be shared. */
export interface TraceFilters {
  range: TraceRange;
  user?: string;
  resourceId?: string;
  operation?: string;
  status?: TraceRating;
}

const isRange = (value: string | null): value is TraceRange => value !== null && value in traceRanges;
const isRating = (value: string | null): value is TraceRating =>
  (traceRatings as readonly (string | null)[]).includes(value);
const text = (value: string | null) => (value?.trim() ? value.trim() : undefined);

/** Unknown or malformed parameters are dropped: a link edited by hand still opens the log. */
export function filtersFromSearch(search: URLSearchParams): TraceFilters {
  const range = search.get('range');
  const status = search.get('status');
  const user = text(search.get('user'));
  const resourceId = text(search.get('resource'));
  const operation = text(search.get('operation'));
  return {
    range: isRange(range) ? range : '7d',
    ...(user ? { user } : {}),
    ...(resourceId ? { resourceId } : {}),
    ...(operation ? { operation } : {}),
    ...(isRating(status) ? { status } : {}),
  };
}

export function filtersToSearch(filters: TraceFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.range !== '7d') search.set('range', filters.range);
  if (filters.user) search.set('user', filters.user);
  if (filters.resourceId) search.set('resource', filters.resourceId);
  if (filters.operation) search.set('operation', filters.operation);
  if (filters.status) search.set('status', filters.status);
  return search;
}

/** The query the console's `/api/traces` takes for these filters, the range ending `now`. */
export function traceQuery(
  filters: TraceFilters,
  now: number,
  page: { limit: number; next?: string },
): Omit<TraceListQuery, 'trace_type'> {
  return {
    limit: page.limit,
    from: now - traceRanges[filters.range],
    to: now,
    ...(page.next ? { next: page.next } : {}),
    ...(filters.user ? { user: filters.user } : {}),
    ...(filters.resourceId ? { resource_id: filters.resourceId } : {}),
    ...(filters.operation ? { trace_name: filters.operation } : {}),
    ...(filters.status ? { trace_rating: filters.status } : {}),
  };
}
