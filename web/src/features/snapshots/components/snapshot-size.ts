/**
 * A snapshot's size in GB as a reader wants it: DWS reports a float, and a small database's snapshot is a few
 * kilobytes, which would otherwise show as 0.0000027669593691825867.
 */
export function formatSnapshotSize(sizeGb: number | null | undefined): string {
  if (sizeGb === null || sizeGb === undefined) return '-';
  if (sizeGb > 0 && sizeGb < 0.01) return '< 0.01';
  return sizeGb.toFixed(2);
}
