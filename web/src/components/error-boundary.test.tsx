// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { ErrorBoundary } from './error-boundary.tsx';

afterEach(cleanup);

function BrokenPage(): never {
  throw new Error('Failed to fetch dynamically imported module');
}

describe('ErrorBoundary', () => {
  it('shows the page while nothing fails', () => {
    renderWithProviders(
      <ErrorBoundary title="页面出错了" reloadLabel="重新加载">
        <p>clusters</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('clusters')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('replaces a failed page with its error and a reload button', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderWithProviders(
      <ErrorBoundary title="页面出错了" reloadLabel="重新加载">
        <BrokenPage />
      </ErrorBoundary>,
    );
    consoleError.mockRestore();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('页面出错了');
    expect(alert.textContent).toContain('Failed to fetch dynamically imported module');
    expect(screen.getByRole('button', { name: /重新加载/ })).toBeTruthy();
  });
});
