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

function lineOf(container: HTMLElement): string[] {
  // The series is drawn as a path of many segments; axis and split lines are single straight strokes.
  return [...container.querySelectorAll('path')]
    .map((p) => p.getAttribute('d') ?? '')
    .filter((d) => (d.match(/L/g) ?? []).length >= 2);
}

it('draws the metric as one line, and a missing sample as a gap in it, never as zero', () => {
  const whole = render(
    <MetricChart
      title="CPU"
      unit="%"
      isDark={false}
      points={[
        [at, 41],
        [at + minute, 42],
        [at + 2 * minute, 43],
        [at + 3 * minute, 44],
        [at + 4 * minute, 45],
      ]}
    />,
  );
  const [line] = lineOf(whole.container);
  expect(line?.match(/M/g)).toHaveLength(1);
  cleanup();

  const gapped = render(
    <MetricChart
      title="CPU"
      unit="%"
      isDark={false}
      points={[
        [at, 41],
        [at + minute, 42],
        [at + 2 * minute, null],
        [at + 3 * minute, 44],
        [at + 4 * minute, 45],
      ]}
    />,
  );
  const segments = lineOf(gapped.container).join(' ');
  // Two pieces, one each side of the gap.
  expect(segments.match(/M/g)).toHaveLength(2);
  // The axis is scaled to the samples: a gap drawn as zero would pull a 0 tick onto it.
  expect(gapped.container.textContent).not.toMatch(/(^|\D)0(\D|$)/);
  expect(gapped.container.textContent).toContain('%');
});
