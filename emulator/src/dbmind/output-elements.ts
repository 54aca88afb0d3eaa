import { formatDbmindTime } from '@dws-console/shared';
import type {
  DbmindElement,
  GraphElement,
  ProgressElement,
  SortElement,
  StatusElement,
  StrElement,
  TableCell,
  TableElement,
  TitleElement,
  FilterElement,
} from '@dws-console/shared';

/** GaussMaster's `formatter_*` helpers, producing the shared element types. */
export function str(content: string, color = 'black'): StrElement {
  return { type: 'str', content, color };
}

/** The documented failure answers are printed without a color in the seed. */
export function failure(content: string): StrElement {
  return { type: 'str', content };
}

export function progress(content: string): ProgressElement {
  return { type: 'progress', content };
}

export function table(headers: string[], rows: TableCell[][]): TableElement {
  return { type: 'table', content: { headers, rows } };
}

export function title(content: string, level: number, color = 'black'): TitleElement {
  return { type: 'title', content, level, color };
}

/** GaussMaster's `down_sampling`: keeps every `len/k`-th point so a graph has at most about `k` points. */
export function downSample<T, V>(timestamps: T[], values: V[], k = 50): { timestamps: T[]; values: V[] } {
  const step = timestamps.length / k;
  if (timestamps.length <= k || step <= 1) return { timestamps, values };
  const t: T[] = [];
  const v: V[] = [];
  for (let cur = 0; cur < timestamps.length; cur += step) {
    t.push(timestamps[Math.floor(cur)]!);
    v.push(values[Math.floor(cur)]!);
  }
  return { timestamps: t, values: v };
}

/** A line chart; `null` values are gaps (the server was down), which stay `null`. */
export function graph(
  points: { t: number; v: number | null }[],
  options: { title?: string; x?: string; y?: string; color?: string; maxPoints?: number } = {},
): GraphElement {
  const sampled = downSample(
    points.map((p) => formatDbmindTime(p.t)),
    points.map((p) => (p.v === null ? null : Math.round(p.v * 10_000) / 10_000)),
    options.maxPoints,
  );
  return {
    type: 'graph',
    content: {
      timestamps: sampled.timestamps,
      values: sampled.values,
      x: options.x ?? '',
      y: options.y ?? '',
      title: options.title ?? '',
      color: options.color ?? 'black',
    },
  };
}

export function alarmCard(input: {
  name: string;
  content: string;
  event: string;
  instance: string;
}): StatusElement {
  return {
    type: 'status',
    ip: input.instance,
    content: {
      name: input.name,
      status: 0,
      button: { name: '一键诊断', show: input.content, event: input.event, question: 1 },
    },
  };
}

export function emptyAlarmCard(name: string): StatusElement {
  return { type: 'status', content: { name, status: 1, button: {} } };
}

export function sortList(name: string, content: DbmindElement[]): SortElement {
  return { type: 'sort', name, content };
}

export function filterBox(name: string, content: string, candidate: DbmindElement[]): FilterElement {
  return { type: 'filter', name, content, candidate };
}
