// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { ReviewTable } from './review-table.tsx';

afterEach(cleanup);

it('shows each value beside its label in order, and what a value left out means', () => {
  renderWithProviders(
    <ReviewTable
      rows={[
        ['Name', 'dws-demo'],
        ['Port', 8000],
        ['Zone', undefined],
        ['Nodes', 0],
      ]}
      leftOutText="as the source"
    />,
  );
  const rows = screen.getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
  expect(rows).toEqual([
    ['Name', 'dws-demo'],
    ['Port', '8000'],
    ['Zone', 'as the source'],
    ['Nodes', '0'],
  ]);
});
