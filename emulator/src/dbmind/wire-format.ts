import type { Response } from 'express';

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/** Python's `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(',', ':'))`: GaussMaster's wire format. */
export function compactSortedJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

/** One event of the stream: `data:{json}` and a blank line. */
export function sseEvent(payload: unknown): string {
  return `data:${compactSortedJson(payload)}\n\n`;
}

const escapeNonAscii = (text: string) =>
  text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Python's default `json.dumps(value)` (`", "` and `": "` separators, non-ASCII escaped, keys in insertion order):
 * the form of the alarm JSON in the `一键诊断` button and in the seed's second example.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeNonAscii(JSON.stringify(value));
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'NaN';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${escapeNonAscii(JSON.stringify(k))}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  return JSON.stringify(typeof value === 'bigint' ? value.toString() : null);
}

/** Starts a GaussMaster-style event stream (Starlette adds the charset to text media types). */
export function startEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}
