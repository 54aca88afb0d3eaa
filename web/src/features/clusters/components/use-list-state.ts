import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

export const sortKeys = ['name', 'status', 'nodeType', 'nodes', 'created'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface ListState {
  q: string;
  status: string[];
  task: string[];
  nodeType: string[];
  sort: SortKey | undefined;
  order: 'ascend' | 'descend';
  page: number;
  size: number;
}

const pageSizes = [10, 20, 50, 100];

const positive = (value: string | null, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/** Reads the URL leniently: a hand-edited or outdated link shows the list with defaults rather than an error. */
export function parseListState(params: URLSearchParams): ListState {
  const sort = params.get('sort');
  const size = positive(params.get('size'), 20);
  return {
    q: params.get('q') ?? '',
    status: params.getAll('status'),
    task: params.getAll('task'),
    nodeType: params.getAll('nodeType'),
    sort: params.has('sort')
      ? (sortKeys as readonly (string | null)[]).includes(sort)
        ? (sort as SortKey)
        : undefined
      : 'created',
    order: params.get('order') === 'ascend' ? 'ascend' : 'descend',
    page: positive(params.get('page'), 1),
    size: pageSizes.includes(size) ? size : 20,
  };
}

/** Writes only what differs from the defaults, so that the plain list keeps the plain URL. */
export function listStateParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of ['status', 'task', 'nodeType'] as const) {
    for (const value of state[key]) params.append(key, value);
  }
  if (state.sort !== 'created' || state.order !== 'descend') {
    params.set('sort', state.sort ?? '');
    if (state.sort) params.set('order', state.order);
  }
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.size !== 20) params.set('size', String(state.size));
  return params;
}

/** The list's filters, sorting and paging, kept in the URL's query. */
export function useListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const update = useCallback(
    (change: Partial<ListState>, options?: { replace?: boolean }) =>
      setParams((current) => listStateParams({ ...parseListState(current), ...change }), options),
    [setParams],
  );
  return [state, update] as const;
}

/**
 * The search box's own text. The router renders a navigation as a transition, after the next keystroke: a box
 * controlled by the URL alone loses the keys typed in between. The box keeps what is typed and writes it to the URL;
 * it takes the URL's text only when the box did not write it (Back, a link to a filtered list).
 */
export function useSearchText(q: string, write: (q: string) => void) {
  const [text, setText] = useState(q);
  const written = useRef<string[]>([]);
  useEffect(() => {
    const at = written.current.indexOf(q);
    if (at >= 0) written.current.splice(0, at + 1);
    else {
      written.current = [];
      setText(q);
    }
  }, [q]);
  const type = (next: string) => {
    written.current.push(next);
    setText(next);
    write(next);
  };
  return [text, type] as const;
}
