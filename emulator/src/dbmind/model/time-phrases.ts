import { formatDbmindTime } from '@dws-console/shared';
import * as chrono from 'chrono-node';

/** A tool's time window, in the layout every time parameter takes (`%Y-%m-%d %H:%M:%S`). */
export interface TimeRange {
  start_time: string;
  end_time: string;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/**
 * "当前", "最近", "now": the window GaussMaster itself uses for its fixed question `当前有哪些告警`.
 * See docs/decisions/021-the-built-in-model-reads-time-phrases-and-monitoring-draws-with-echarts.md.
 */
export const recentWindowMs = hourMs;

const digits: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Arabic or Chinese numerals up to 99 (`30`, `三十`, `十五`, `半` = 0.5); a missing count is one. */
export function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return 1;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === '半') return 0.5;
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match) return undefined;
  const [, tens, ten, ones] = match;
  if (!ten) return tens ? digits[tens] : undefined;
  return (tens ? digits[tens]! : 1) * 10 + (ones ? digits[ones]! : 0);
}

const unitMs: [RegExp, number][] = [
  [/^(分钟|分|minutes?|mins?)$/i, minuteMs],
  [/^(小时|钟头|hours?|hrs?|h)$/i, hourMs],
  [/^(天|日|days?)$/i, dayMs],
  [/^(周|星期|weeks?)$/i, 7 * dayMs],
];
const count = String.raw`(\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+|an?)`;
const unit = String.raw`(分钟|分|小时|钟头|天|日|周|星期|minutes?|mins?|hours?|hrs?|days?|weeks?)(?![a-z])`;
// "最近30分钟", "过去一小时", "last 30 minutes", "past hour", "前2小时", "30分钟内"; "前天" is a day, not a duration.
const durationPatterns = [
  new RegExp(String.raw`(?:最近|过去|近|last|past|previous)\s*${count}?\s*个?\s*${unit}`, 'i'),
  new RegExp(String.raw`前\s*${count}\s*个?\s*${unit}`, 'i'),
  new RegExp(String.raw`${count}\s*个?\s*${unit}\s*(?:内|以内|之内|以来)`, 'i'),
];

function durationBack(text: string): number | undefined {
  for (const pattern of durationPatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const n = /^an?$/i.test(match[1] ?? '') ? 1 : parseCount(match[1]);
    const ms = unitMs.find(([p]) => p.test(match[2]!))?.[1];
    if (n !== undefined && ms !== undefined) return n * ms;
  }
  return undefined;
}

const toNow = /到现在|至今|到目前|到此刻|until now|till now|to now|up to now/i;
const cjkText = /\p{Script=Han}/u;

/** Clock times and dates that chrono reads: "since 9am", "从昨天下午3点到现在", "1月14日", "between 8am and 10am". */
function chronoRange(text: string, now: Date): { start: Date; end: Date } | undefined {
  const parser = cjkText.test(text) ? chrono.zh.hans : chrono.en;
  // chrono reads a lone "现在" or "now" as today; here it means a recent window, decided below.
  const results = parser
    .parse(text, now, { forwardDate: false })
    .filter((r) => r.end || !/^(现在|目前|此刻|刚才|刚刚|now|right now)$/i.test(r.text.trim()));
  const first = results[0];
  if (!first) return undefined;
  const hasClock = first.start.isCertain('hour');
  if (!hasClock && !first.start.isCertain('day') && !first.start.isCertain('weekday')) return undefined;

  let start = first.start.date();
  if (!hasClock) start = midnightOf(start);
  // "since 11am" asked at 10:30 means yesterday's 11am: a window never starts in the future.
  if (start.getTime() > now.getTime()) start = new Date(start.getTime() - dayMs);

  let end: Date;
  const second = results[1];
  if (toNow.test(text)) end = now;
  else if (first.end) end = first.end.isCertain('hour') ? first.end.date() : endOfDay(first.end.date());
  else if (second?.start.isCertain('hour')) end = second.start.date();
  else end = hasClock ? now : endOfDay(start);
  if (end.getTime() > now.getTime()) end = now;
  return end.getTime() > start.getTime() ? { start, end } : undefined;
}

function midnightOf(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function endOfDay(date: Date): Date {
  return new Date(midnightOf(date).getTime() + dayMs - 1000);
}

/** Monday 00:00 of the week holding `date` (weeks start on Monday in both languages' usage here). */
function weekStart(date: Date): Date {
  const midnight = midnightOf(date);
  const sinceMonday = (midnight.getDay() + 6) % 7;
  return new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate() - sinceMonday);
}

function calendarRange(text: string, now: Date): { start: Date; end: Date } | undefined {
  if (/本周|这周|这个星期|本星期|this week/i.test(text)) return { start: weekStart(now), end: now };
  if (/上周|上个星期|上星期|last week|previous week/i.test(text)) {
    const end = new Date(weekStart(now).getTime() - 1000);
    return { start: weekStart(end), end };
  }
  if (/本月|这个月|this month/i.test(text)) {
    return { start: new Date(now.getFullYear(), now.getMonth(), 1), end: now };
  }
  return undefined;
}

const nowIsh =
  /当前|现在|目前|此刻|刚才|刚刚|最近|近期|实时|right now|currently|\bnow\b|\bcurrent\b|recent(ly)?|latest|at the moment/i;

function normaliseDateTime(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const pad = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  return `${m[1]}-${pad(m[2])}-${pad(m[3])} ${pad(m[4])}:${pad(m[5])}:${pad(m[6])}`;
}

function range(start: Date | number, end: Date | number): TimeRange {
  return { start_time: formatDbmindTime(start), end_time: formatDbmindTime(end) };
}

/**
 * The time window a question names, relative to `now`, or undefined when it names none. The most explicit
 * wording wins: written date-times, then week or month words, then a duration back from now, then clock times
 * and dates (chrono), then words that only mean "now-ish".
 */
export function findTimeRange(text: string, now: Date): TimeRange | undefined {
  const stamps = [...text.matchAll(/\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?/g)]
    .map((m) => normaliseDateTime(m[0]))
    .filter((s): s is string => s !== undefined);
  if (stamps.length >= 2) return { start_time: stamps[0]!, end_time: stamps[1]! };
  if (stamps.length === 1) return { start_time: stamps[0]!, end_time: formatDbmindTime(now) };

  // "last week" is the calendar week before this one; "last 2 weeks" and "past week" count back from now.
  const week = calendarRange(text, now);
  if (week) return range(week.start, week.end);

  const back = durationBack(text);
  if (back !== undefined) return range(now.getTime() - back, now);

  const clock = chronoRange(text, now);
  if (clock) return range(clock.start, clock.end);

  if (nowIsh.test(text)) return range(now.getTime() - recentWindowMs, now);
  return undefined;
}

/** The window a tool falls back to when a question names no time at all. */
export function defaultTimeRange(tool: string, now: Date): TimeRange {
  // summary_alarms' own description: "如果没有日期的信息，默认日期为今天".
  if (tool === 'summary_alarms') return range(midnightOf(now), now);
  return range(now.getTime() - recentWindowMs, now);
}
