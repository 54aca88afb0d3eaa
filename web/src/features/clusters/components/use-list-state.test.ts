import { describe, expect, it } from 'vitest';
import { listStateParams, parseListState } from './use-list-state.ts';

describe('the clusters list state in the URL', () => {
  it('keeps the plain list at the plain URL: newest first, first page of 20', () => {
    const state = parseListState(new URLSearchParams());
    expect(state).toMatchObject({ sort: 'created', order: 'descend', page: 1, size: 20, status: [] });
    expect(listStateParams(state).toString()).toBe('');
  });

  it('round-trips filters, sorting and paging', () => {
    const query = 'q=dws&status=CREATING&status=AVAILABLE&task=GROWING&sort=name&order=ascend&page=3&size=50';
    const state = parseListState(new URLSearchParams(query));
    expect(state).toEqual({
      q: 'dws',
      status: ['CREATING', 'AVAILABLE'],
      task: ['GROWING'],
      nodeType: [],
      sort: 'name',
      order: 'ascend',
      page: 3,
      size: 50,
    });
    expect(listStateParams(state).toString()).toBe(query);
  });

  it('reads a hand-edited link leniently instead of failing', () => {
    const state = parseListState(new URLSearchParams('sort=evil&page=-2&size=7'));
    expect(state).toMatchObject({ sort: undefined, page: 1, size: 20 });
  });
});
