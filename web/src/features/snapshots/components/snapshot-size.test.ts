import { describe, expect, it } from 'vitest';
import { formatSnapshotSize } from './snapshot-size.ts';

describe('formatSnapshotSize', () => {
  it('shows two decimals, a tiny snapshot as less than 0.01 and an unknown size as a dash', () => {
    expect(formatSnapshotSize(12.345)).toBe('12.35');
    expect(formatSnapshotSize(0)).toBe('0.00');
    expect(formatSnapshotSize(0.0000027669593691825867)).toBe('< 0.01');
    expect(formatSnapshotSize(null)).toBe('-');
    expect(formatSnapshotSize(undefined)).toBe('-');
  });
});
