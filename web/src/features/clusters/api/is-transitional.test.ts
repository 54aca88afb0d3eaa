import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '@dws-console/shared';
import {
  detailRefetchInterval,
  isTransitional,
  listRefetchInterval,
  steadyRefreshMs,
  transitionalRefreshMs,
} from './is-transitional.ts';

const cluster = (fields: Partial<ClusterInfo>): ClusterInfo => ({
  id: 'c1',
  name: 'dws-demo',
  status: 'AVAILABLE',
  ...fields,
});

describe('the transitional-refresh rule', () => {
  it('counts creation, deletion, -ING tasks and reported progress as transitional', () => {
    expect(isTransitional(cluster({ status: 'CREATING' }))).toBe(true);
    expect(isTransitional(cluster({ status: 'DELETING' }))).toBe(true);
    expect(isTransitional(cluster({ task_status: 'GROWING' }))).toBe(true);
    expect(isTransitional(cluster({ task_status: 'REBOOTING' }))).toBe(true);
    expect(isTransitional(cluster({ action_progress: { SNAPSHOTTING: '40%' } }))).toBe(true);
  });

  it('leaves settled clusters alone, including failed tasks and the seed nulls', () => {
    expect(isTransitional(cluster({}))).toBe(false);
    expect(isTransitional(cluster({ task_status: null, action_progress: null }))).toBe(false);
    expect(isTransitional(cluster({ task_status: 'RESIZE_FAILURE', action_progress: {} }))).toBe(false);
    expect(isTransitional(cluster({ status: 'UNAVAILABLE' }))).toBe(false);
  });

  it('polls a list while any cluster moves and stops when none does', () => {
    expect(listRefetchInterval(undefined)).toBe(false);
    expect(listRefetchInterval([])).toBe(false);
    expect(listRefetchInterval([cluster({}), cluster({ id: 'c2', status: 'CREATING' })])).toBe(
      transitionalRefreshMs,
    );
    expect(listRefetchInterval([cluster({}), cluster({ id: 'c2' })])).toBe(false);
  });

  it("looks at a cluster's page quickly while it moves, slowly while it stands still, and not before it is known", () => {
    expect(detailRefetchInterval(undefined)).toBe(false);
    expect(detailRefetchInterval(cluster({ status: 'CREATING' }))).toBe(transitionalRefreshMs);
    expect(detailRefetchInterval(cluster({}))).toBe(steadyRefreshMs);
    expect(detailRefetchInterval(cluster({ status: 'UNAVAILABLE' }))).toBe(steadyRefreshMs);
    expect(steadyRefreshMs).toBeGreaterThan(transitionalRefreshMs);
  });
});
