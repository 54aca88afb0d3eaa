// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxPanelWidth, minPanelWidth, PanelResizer, usePanelWidth } from './panel-resizer.tsx';

function Panel() {
  const [width, setWidth] = usePanelWidth(520);
  return (
    <div data-testid="panel" style={{ width }}>
      <PanelResizer width={width} onResize={setWidth} label="Resize the assistant" />
    </div>
  );
}

const separator = () => screen.getByRole('separator', { name: 'Resize the assistant' });
const width = () => Number(separator().getAttribute('aria-valuenow'));

beforeEach(() => {
  localStorage.clear();
  window.innerWidth = 1440;
});
afterEach(cleanup);

describe('the assistant panel resizer', () => {
  it('is a focusable vertical separator that the arrow keys move within the bounds', () => {
    render(<Panel />);
    expect(separator()).toHaveProperty('tabIndex', 0);
    expect(separator().getAttribute('aria-orientation')).toBe('vertical');
    expect(width()).toBe(520);
    expect(Number(separator().getAttribute('aria-valuemax'))).toBe(maxPanelWidth(1440));

    // The panel is on the right: left widens, right narrows; Shift takes bigger steps.
    fireEvent.keyDown(separator(), { key: 'ArrowLeft' });
    expect(width()).toBe(536);
    fireEvent.keyDown(separator(), { key: 'ArrowRight', shiftKey: true });
    expect(width()).toBe(456);
    expect(screen.getByTestId('panel').style.width).toBe('456px');

    fireEvent.keyDown(separator(), { key: 'Home' });
    expect(width()).toBe(minPanelWidth);
    fireEvent.keyDown(separator(), { key: 'ArrowRight' });
    expect(width()).toBe(minPanelWidth);
    fireEvent.keyDown(separator(), { key: 'End' });
    expect(width()).toBe(960);
    fireEvent.keyDown(separator(), { key: 'ArrowLeft' });
    expect(width()).toBe(960);
  });

  it('follows a pointer dragging the edge, never past the bounds', () => {
    render(<Panel />);
    fireEvent.pointerDown(separator(), { clientX: 900, pointerId: 1 });
    fireEvent.pointerMove(separator(), { clientX: 800, pointerId: 1 });
    expect(width()).toBe(620);
    fireEvent.pointerMove(separator(), { clientX: 1200, pointerId: 1 });
    expect(width()).toBe(minPanelWidth);
    fireEvent.pointerUp(separator(), { pointerId: 1 });
    // Once let go, moving the pointer changes nothing.
    fireEvent.pointerMove(separator(), { clientX: 100, pointerId: 1 });
    expect(width()).toBe(minPanelWidth);
  });

  it('remembers the width alone in this browser, and fits a stored width into a narrower window', () => {
    const { unmount } = render(<Panel />);
    fireEvent.keyDown(separator(), { key: 'ArrowLeft', shiftKey: true });
    expect(width()).toBe(600);
    unmount();
    expect(Object.keys(localStorage)).toEqual(['dws-console.assistant-width']);
    expect(localStorage.getItem('dws-console.assistant-width')).toBe('600');

    render(<Panel />);
    expect(width()).toBe(600);
    cleanup();
    window.innerWidth = 800;
    render(<Panel />);
    expect(width()).toBe(440);
  });
});
