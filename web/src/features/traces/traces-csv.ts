import type { Trace } from '@dws-console/shared';

const columns: [string, (t: Trace) => string][] = [
  ['time', (t) => new Date(t.time).toISOString()],
  ['operation', (t) => t.trace_name],
  ['status', (t) => t.trace_rating],
  ['code', (t) => t.code],
  ['service', (t) => t.service_type],
  ['resource_type', (t) => t.resource_type],
  ['resource_id', (t) => t.resource_id],
  ['resource_name', (t) => t.resource_name],
  ['user', (t) => t.user.name],
  ['domain', (t) => t.user.domain.name],
  ['means', (t) => t.trace_type],
  ['source_ip', (t) => t.source_ip],
  ['request_id', (t) => t.request_id],
  ['trace_id', (t) => t.trace_id],
];

/**
 * RFC 4180 fields; a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is quoted with a
 * leading apostrophe, since names and messages come from whoever called the API.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function tracesToCsv(traces: readonly Trace[]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const trace of traces) lines.push(columns.map(([, read]) => field(read(trace))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
