import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../../lib/i18n.tsx';
import { formatSnapshotSize } from './snapshot-size.ts';

describe('formatSnapshotSize', () => {
  it('shows a size in the unit that reads best, in the language, and an unknown size as a dash', () => {
    const en = formattersFor('en');
    expect(formatSnapshotSize(12.5, en)).toBe('12.5 GB');
    expect(formatSnapshotSize(0, en)).toBe('0 kB');
    expect(formatSnapshotSize(0.0000027669593691825867, en)).toBe('2.9 kB');
    expect(formatSnapshotSize(2048, formattersFor('zh-CN'))).toBe('2 TB');
    expect(formatSnapshotSize(null, en)).toBe('-');
    expect(formatSnapshotSize(undefined, en)).toBe('-');
  });
});
