import { describe, expect, it } from 'vitest';
import { defaultTimeRange, findTimeRange, parseCount } from './time-phrases.ts';

// Thursday 15 January 2026, 10:30 local time.
const now = new Date(2026, 0, 15, 10, 30, 0);

describe('time phrases become a window relative to the clock given', () => {
  it.each([
    ['最近', '2026-01-15 09:30:00', '2026-01-15 10:30:00'],
    ['过去一小时', '2026-01-15 09:30:00', '2026-01-15 10:30:00'],
    ['今天', '2026-01-15 00:00:00', '2026-01-15 10:30:00'],
    ['昨天', '2026-01-14 00:00:00', '2026-01-14 23:59:59'],
    ['本周', '2026-01-12 00:00:00', '2026-01-15 10:30:00'],
    ['本月', '2026-01-01 00:00:00', '2026-01-15 10:30:00'],
    ['最近30分钟', '2026-01-15 10:00:00', '2026-01-15 10:30:00'],
    ['最近一天', '2026-01-14 10:30:00', '2026-01-15 10:30:00'],
    ['前2小时', '2026-01-15 08:30:00', '2026-01-15 10:30:00'],
    ['last 30 minutes', '2026-01-15 10:00:00', '2026-01-15 10:30:00'],
    ['past 2 hours', '2026-01-15 08:30:00', '2026-01-15 10:30:00'],
    ['past week', '2026-01-08 10:30:00', '2026-01-15 10:30:00'],
    ['today', '2026-01-15 00:00:00', '2026-01-15 10:30:00'],
    ['yesterday', '2026-01-14 00:00:00', '2026-01-14 23:59:59'],
    ['since 9am', '2026-01-15 09:00:00', '2026-01-15 10:30:00'],
    ['2 hours ago', '2026-01-15 08:30:00', '2026-01-15 10:30:00'],
    ['从昨天下午3点到现在', '2026-01-14 15:00:00', '2026-01-15 10:30:00'],
    ['今天9点到10点', '2026-01-15 09:00:00', '2026-01-15 10:00:00'],
    ['1月14日', '2026-01-14 00:00:00', '2026-01-14 23:59:59'],
    ['从2026-01-14 08:00到2026-01-14 09:15:30', '2026-01-14 08:00:00', '2026-01-14 09:15:30'],
    ['2026-01-15 10:00以来', '2026-01-15 10:00:00', '2026-01-15 10:30:00'],
  ])('%s', (phrase, start, end) => {
    expect(findTimeRange(phrase, now)).toEqual({ start_time: start, end_time: end });
  });

  it('never ends a window after now, nor starts it in the future', () => {
    expect(findTimeRange('today 9am to 11pm', now)).toEqual({
      start_time: '2026-01-15 09:00:00',
      end_time: '2026-01-15 10:30:00',
    });
    expect(findTimeRange('since 11am', now)).toEqual({
      start_time: '2026-01-14 11:00:00',
      end_time: '2026-01-15 10:30:00',
    });
  });

  it('finds nothing where no time is named', () => {
    expect(findTimeRange('没有时间', now)).toBeUndefined();
    expect(findTimeRange('list all databases', now)).toBeUndefined();
    expect(findTimeRange('前天气温', now)).not.toEqual({
      start_time: '2026-01-14 10:30:00',
      end_time: '2026-01-15 10:30:00',
    });
  });

  it('falls back to today for alarms and to the last hour for anything else', () => {
    expect(defaultTimeRange('summary_alarms', now)).toEqual({
      start_time: '2026-01-15 00:00:00',
      end_time: '2026-01-15 10:30:00',
    });
    expect(defaultTimeRange('get_metric_range_sequence', now)).toEqual({
      start_time: '2026-01-15 09:30:00',
      end_time: '2026-01-15 10:30:00',
    });
  });

  it('reads counts in both numeral systems', () => {
    expect([
      parseCount('三十'),
      parseCount('十五'),
      parseCount('两'),
      parseCount('半'),
      parseCount('12'),
    ]).toEqual([30, 15, 2, 0.5, 12]);
    expect(parseCount('百')).toBeUndefined();
  });
});
