import type { ReactNode } from 'react';

export interface BootFrameProps {
  children?: ReactNode;
}

/**
 * The static frame `index.html` paints before any script runs (its styles live there): pages shown before the
 * shell, and the wait for them, keep that frame instead of flashing a blank page with a spinner in a corner.
 */
export function BootFrame({ children }: BootFrameProps) {
  return (
    <div className="boot" aria-busy={children ? undefined : true}>
      <div className="boot-sider">DWS 控制台 · DWS Console</div>
      <main style={{ flex: 1, minWidth: 0 }}>{children}</main>
    </div>
  );
}
