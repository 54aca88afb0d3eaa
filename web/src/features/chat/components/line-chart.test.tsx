// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { ElementView } from './element-view.tsx';

afterEach(cleanup);

it('draws a missing sample as a gap, never as zero', () => {
  const { container } = renderWithProviders(
    <ElementView
      onAsk={() => undefined}
      element={{
        type: 'graph',
        content: {
          title: 'CPU',
          x: 'time',
          y: '%',
          timestamps: ['10:00', '10:01', '10:02', '10:03'],
          values: [10, null, 20, 30],
          color: 'blue',
        },
      }}
    />,
  );
  const lines = container.querySelectorAll('polyline');
  expect(lines).toHaveLength(2);
  expect(container.querySelectorAll('circle')).toHaveLength(3);
  // The lowest tick is the lowest sample, not a zero the gap would have made.
  expect(container.textContent).not.toMatch(/(^|\D)0(\D|$)/);
});
