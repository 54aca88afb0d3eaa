import type { Formatters } from '../../../lib/i18n.tsx';

/**
 * A snapshot's size as a reader wants it: DWS reports a float in GB, and a small database's snapshot is a few
 * kilobytes, which would otherwise show as 0.0000027669593691825867.
 */
export function formatSnapshotSize(sizeGb: number | null | undefined, format: Formatters): string {
  if (sizeGb === null || sizeGb === undefined) return '-';
  return format.bytes(Math.round(sizeGb * 1024 ** 3));
}
