import { theme } from 'antd';
import { useCallback, useState, type KeyboardEvent, type PointerEvent } from 'react';

/** Only the width is kept in the browser; never anything of the conversations. */
const storageKey = 'dws-console.assistant-width';
export const minPanelWidth = 360;
const step = 16;
const bigStep = 80;

/** The widest the panel may be: at most 960 px, leaving the page at least 360 px. */
export function maxPanelWidth(windowWidth = window.innerWidth): number {
  return Math.max(minPanelWidth, Math.min(960, windowWidth - 360));
}

const clamp = (width: number) => Math.round(Math.min(maxPanelWidth(), Math.max(minPanelWidth, width)));

/** The panel's width: the one chosen last in this browser, else `initial`; always within the bounds. */
export function usePanelWidth(initial: number): [number, (width: number) => void] {
  const [width, setWidth] = useState(() => {
    const stored = Number(localStorage.getItem(storageKey));
    return clamp(Number.isFinite(stored) && stored > 0 ? stored : initial);
  });
  const choose = useCallback((next: number) => {
    const bounded = clamp(next);
    localStorage.setItem(storageKey, String(bounded));
    setWidth(bounded);
  }, []);
  return [clamp(width), choose];
}

export interface PanelResizerProps {
  width: number;
  onResize: (width: number) => void;
  /** The separator's accessible name. */
  label: string;
}

/**
 * The left edge of a panel on the right: dragged with a pointer, or focused and moved with the arrow keys
 * (Shift for bigger steps, Home and End for the bounds), as the WAI-ARIA window splitter pattern has it.
 */
export function PanelResizer({ width, onResize, label }: PanelResizerProps) {
  const { token } = theme.useToken();
  const [drag, setDrag] = useState<{ x: number; width: number } | undefined>();
  // Shown while pointed at, focused or dragged: the edge is otherwise the drawer's own border.
  const [hover, setHover] = useState(false);
  const [focused, setFocused] = useState(false);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    // The drawer animates its size; while dragged it follows the pointer at once.
    event.currentTarget.parentElement?.style.setProperty('transition', 'none');
    setDrag({ x: event.clientX, width });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    // The panel is on the right: moving the edge left widens it.
    if (drag) onResize(drag.width + drag.x - event.clientX);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.parentElement?.style.removeProperty('transition');
    setDrag(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const by = event.shiftKey ? bigStep : step;
    const next = {
      ArrowLeft: width + by,
      ArrowUp: width + by,
      ArrowRight: width - by,
      ArrowDown: width - by,
      Home: minPanelWidth,
      End: maxPanelWidth(),
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onResize(next);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={minPanelWidth}
      aria-valuemax={maxPanelWidth()}
      tabIndex={0}
      data-testid="assistant-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onPointerEnter={() => setHover(true)}
      onPointerLeave={() => setHover(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      style={{
        position: 'absolute',
        insetBlock: 0,
        insetInlineStart: -4,
        width: 8,
        cursor: 'col-resize',
        zIndex: 1,
        touchAction: 'none',
        // The drawer's frame lets pointers through to the page; its edge takes them.
        pointerEvents: 'auto',
        background: drag || focused ? token.colorPrimary : hover ? token.colorPrimaryBorder : 'transparent',
        outline: 'none',
      }}
    />
  );
}
