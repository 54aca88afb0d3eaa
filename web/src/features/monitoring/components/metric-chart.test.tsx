// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { MetricChart } from './metric-chart.tsx';

beforeAll(() => {
  // jsdom lays nothing out: the chart is given the size a page would give it.
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 180 });
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

afterEach(cleanup);

const minute = 60_000;
const at = Date.UTC(2026, 10, 30, 10, 0);

/** Draws samples one minute apart; answers the chart's text and its line's path data, one entry a piece. */
function draw(values: (number | null)[]): { text: string; pieces: string[] } {
  const { container } = render(
    <MetricChart title="CPU" unit="%" isDark={false} points={values.map((v, i) => [at + i * minute, v])} />,
  );
  // The series is drawn as an unfilled path of many segments; axis and split lines are single straight strokes,
  // the shaded outage a filled one.
  const line = [...container.querySelectorAll('path')]
    .filter((p) => p.getAttribute('fill') === 'none')
    .map((p) => p.getAttribute('d') ?? '')
    .filter((d) => (d.match(/L/g) ?? []).length >= 2)
    .join(' ');
  const drawn = { text: container.textContent ?? '', pieces: line.split('M').slice(1) };
  cleanup();
  return drawn;
}

it('draws the metric as one line, and a missing sample as a gap in it, never as zero', () => {
  expect(draw([41, 42, 43, 44, 45]).pieces).toHaveLength(1);
  const gapped = draw([41, 42, null, 44, 45]);
  // Two pieces, one each side of the gap.
  expect(gapped.pieces).toHaveLength(2);
  // The axis is scaled to the samples: a gap drawn as zero would pull a 0 tick onto it.
  expect(gapped.text).not.toMatch(/(^|\D)0(\D|$)/);
  expect(gapped.text).toContain('%');
});

it('shades an outage and names it, so a stopped server does not read as a pause', () => {
  const { container } = render(
    <MetricChart
      title="CPU"
      unit="%"
      isDark={false}
      outageLabel="Unavailable"
      points={[41, null, null, 44].map((v, i) => [at + i * minute, v])}
    />,
  );
  expect(container.textContent).toContain('Unavailable');
});

it('spans the window asked for, not just the points it has', () => {
  const points = [41, 42].map((v, i): [number, number] => [at + i * minute, v]);
  const axis = (window?: { from: number; to: number }) => {
    const { container } = render(
      <MetricChart title="CPU" unit="%" isDark={false} points={points} window={window} />,
    );
    const text = container.textContent ?? '';
    cleanup();
    return text;
  };
  // Two points a minute apart drawn over a week: the axis shows days, not minutes.
  expect(axis({ from: at - 7 * 24 * 60 * minute, to: at + minute })).not.toEqual(axis());
});
