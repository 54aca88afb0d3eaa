// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render.tsx';
import { CopyableText } from './plain-typography.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('CopyableText', () => {
  it('puts the text on the clipboard, says so, and offers to copy again a few seconds later', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(
      <CopyableText text="10.0.0.8:8000" copyLabel="复制 连接地址" data-testid="endpoint" />,
    );
    expect(screen.getByTestId('endpoint').textContent).toBe('10.0.0.8:8000');

    vi.useFakeTimers();
    fireEvent.click(screen.getByRole('button', { name: '复制 连接地址' }));
    await act(() => Promise.resolve());
    expect(writeText).toHaveBeenCalledWith('10.0.0.8:8000');
    expect(screen.getByRole('button', { name: '已复制' })).toBeTruthy();

    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(screen.getByRole('button', { name: '复制 连接地址' })).toBeTruthy();
  });

  it('keeps offering to copy when the browser refuses the clipboard', async () => {
    const writeText = vi.fn(() =>
      Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')),
    );
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(<CopyableText text="10.0.0.8:8000" />);
    fireEvent.click(screen.getByRole('button', { name: '复制' }));
    await act(() => Promise.resolve());
    expect(writeText).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: '复制' })).toBeTruthy();
  });
});
