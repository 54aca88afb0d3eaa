import { describe, expect, it } from 'vitest';
import { format, formattersFor } from './i18n.tsx';

describe('format', () => {
  const total = '{count, plural, =0 {no clusters} one {# cluster} other {# clusters}}';

  it('chooses the plural form of the language and formats the count', () => {
    expect(format('en', total, { count: 0 })).toBe('no clusters');
    expect(format('en', total, { count: 1 })).toBe('1 cluster');
    expect(format('en', total, { count: 1200 })).toBe('1,200 clusters');
    expect(format('zh-CN', '共 {count, plural, other {# 个集群}}', { count: 1200 })).toBe('共 1,200 个集群');
  });

  it('leaves plain values as given', () => {
    expect(format('en', 'port {port} of {name}', { port: 8000, name: 'dws-demo' })).toBe(
      'port 8000 of dws-demo',
    );
  });
});

describe('formattersFor', () => {
  it('writes dates in the console language, not the browser locale', () => {
    const instant = '2026-11-30T12:14:19Z';
    expect(formattersFor('zh-CN').dateTime(instant)).toMatch(/^2026年11月30日 \d{2}:14:19$/);
    expect(formattersFor('en').dateTime(instant)).toMatch(/^Nov 30, 2026, \d{1,2}:14:19 [AP]M$/);
    expect(formattersFor('en').dateTime(undefined)).toBe('-');
    expect(formattersFor('en').dateTime('not a date')).toBe('-');
  });

  it('writes sizes with the unit that keeps them short', () => {
    expect(formattersFor('en').bytes(2_834)).toBe('2.77 kB');
    expect(formattersFor('en').bytes(3 * 1024 ** 3)).toBe('3 GB');
    expect(formattersFor('en').bytes(512)).toBe('0.5 kB');
  });
});
