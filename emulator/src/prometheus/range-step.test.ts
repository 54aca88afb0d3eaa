import { monitoringRanges } from '@dws-console/shared';
import { describe, expect, it } from 'vitest';
import { rangeStep, rateWindow, stepGrid, targetPoints } from './range-step.ts';

describe('range query steps', () => {
  it('gives each console window its own step, so 1 h and 24 h never draw the same axis', () => {
    const steps = Object.values(monitoringRanges).map((minutes) => rangeStep(minutes * 60, 15));
    expect(steps).toEqual([15, 120, 600, 3600]);
  });

  it('keeps every window near the target number of points, never above it', () => {
    for (const minutes of Object.values(monitoringRanges)) {
      const points = (minutes * 60) / rangeStep(minutes * 60, 15);
      expect(points).toBeLessThanOrEqual(targetPoints);
      expect(points).toBeGreaterThan(targetPoints / 4);
    }
  });

  it('never steps finer than the scrape interval', () => {
    expect(rangeStep(60, 15)).toBe(15);
    expect(rangeStep(60, 2)).toBe(2);
    expect(rangeStep(300, 2)).toBe(2);
  });

  it('looks back over at least four scrapes and one step when it takes a rate', () => {
    expect(rateWindow(15, 15)).toBe(60);
    expect(rateWindow(600, 15)).toBe(600);
  });

  it('lays the points one step apart inside the window, the last at its end', () => {
    const grid = stepGrid(Date.UTC(2026, 0, 1, 0, 0, 7), Date.UTC(2026, 0, 1, 0, 1, 0), 15);
    expect(grid.map((t) => new Date(t).toISOString().slice(14, 19))).toEqual([
      '00:15',
      '00:30',
      '00:45',
      '01:00',
    ]);
    // The present is a point even when it is not a whole multiple of the step: the line reaches now.
    const now = Date.UTC(2026, 0, 1, 0, 0, 50);
    expect(stepGrid(now - 24 * 3_600_000, now, 600).at(-1)).toBe(now);
  });
});
