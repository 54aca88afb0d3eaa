// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { listStateParams, parseListState, useSearchText } from './use-list-state.ts';

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

describe('the search box’s text', () => {
  const render = () => {
    const write = vi.fn<(q: string) => void>();
    const hook = renderHook(({ q }) => useSearchText(q, write), { initialProps: { q: '' } });
    return { write, hook, type: (text: string) => act(() => hook.result.current[1](text)) };
  };

  it('keeps every key typed while the URL catches up one navigation behind', () => {
    const { write, hook, type } = render();
    type('d');
    type('dw');
    // The router applies the first write after the second key: the box must not fall back to "d".
    hook.rerender({ q: 'd' });
    expect(hook.result.current[0]).toBe('dw');
    type('dws');
    hook.rerender({ q: 'dw' });
    hook.rerender({ q: 'dws' });
    expect(hook.result.current[0]).toBe('dws');
    expect(write.mock.calls.map(([q]) => q)).toEqual(['d', 'dw', 'dws']);
  });

  it('takes the URL’s text when the box did not write it (Back, a link to a filtered list)', () => {
    const { hook, type } = render();
    type('dws');
    hook.rerender({ q: 'dws' });
    hook.rerender({ q: 'prod' });
    expect(hook.result.current[0]).toBe('prod');
    hook.rerender({ q: '' });
    expect(hook.result.current[0]).toBe('');
  });
});
