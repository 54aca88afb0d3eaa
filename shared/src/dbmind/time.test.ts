import { describe, expect, it } from 'vitest';
import { formatDbmindTime, parseDbmindTime } from './time.ts';

describe("DBMind's time layout", () => {
  it('writes local time with two-digit fields and reads it back', () => {
    const date = new Date(2024, 8, 5, 7, 3, 9);
    expect(formatDbmindTime(date)).toBe('2024-09-05 07:03:09');
    expect(formatDbmindTime(date.getTime())).toBe('2024-09-05 07:03:09');
    expect(parseDbmindTime(' 2024-09-05 07:03:09 ')?.getTime()).toBe(date.getTime());
  });

  it('reads only real dates and times in that layout', () => {
    for (const text of [
      '2024-02-30 10:00:00',
      '2024-09-05 24:00:00',
      '2024-09-05T07:03:09',
      '2024-9-5 7:03:09',
    ]) {
      expect(parseDbmindTime(text)).toBeUndefined();
    }
  });
});
