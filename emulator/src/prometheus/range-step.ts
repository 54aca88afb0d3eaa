/** Steps a range query may use, in seconds: round figures, so a chart's points fall on whole minutes and hours. */
const niceSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 86_400];

/** About this many points a chart line: enough for a 1 h window to show every minute, few enough to draw fast. */
export const targetPoints = 240;

/**
 * The step of a range query over `windowSeconds`: the smallest round step that keeps the line near
 * `targetPoints` points, never finer than the scrape interval (finer steps only repeat the same sample).
 */
export function rangeStep(windowSeconds: number, scrapeSeconds: number): number {
  const wanted = Math.max(windowSeconds / targetPoints, scrapeSeconds);
  return niceSteps.find((step) => step >= wanted) ?? Math.ceil(wanted);
}

/**
 * The look-back of `rate()` at one step: at least four scrapes, so a counter has two samples even when one
 * scrape was missed, and at least the step, so no increase between two points is skipped.
 */
export function rateWindow(stepSeconds: number, scrapeSeconds: number): number {
  return Math.max(stepSeconds, 4 * scrapeSeconds);
}

/**
 * The points of `[from, to]` (ms), one a step, the last at `to`: the line reaches the present, where a grid of
 * whole multiples would end up to a step earlier (ten minutes in a 24 h chart, and no point at all for a server
 * watched for less than that).
 */
export function stepGrid(fromMs: number, toMs: number, stepSeconds: number): number[] {
  const stepMs = stepSeconds * 1000;
  const count = Math.floor((toMs - fromMs) / stepMs);
  if (count < 0) return [];
  return Array.from({ length: count + 1 }, (_, i) => toMs - (count - i) * stepMs);
}
