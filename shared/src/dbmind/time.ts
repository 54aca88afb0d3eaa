const pad = (n: number) => String(n).padStart(2, '0');

/**
 * DBMind's `%Y-%m-%d %H:%M:%S`, in local time as DBMind reads it: the layout of every time parameter, alarm and
 * series timestamp.
 */
export function formatDbmindTime(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Parses `%Y-%m-%d %H:%M:%S` (local time); undefined when it is not a real date and time. */
export function parseDbmindTime(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (
    date.getFullYear() !== y ||
    date.getMonth() !== mo - 1 ||
    date.getDate() !== d ||
    date.getHours() !== h
  ) {
    return undefined;
  }
  return date;
}
