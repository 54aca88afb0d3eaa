import { theme } from 'antd';
import type { ReactNode } from 'react';

export interface SurfaceProps {
  children: ReactNode;
}

/**
 * The panel a title-less antd `Card` draws, from the same theme tokens. The clusters list uses it because `Card`
 * always bundles `Tabs` and `Skeleton` (about 13 KiB gzipped) into the route every visit starts on.
 */
export function Surface({ children }: SurfaceProps) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        background: token.colorBgContainer,
        border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: token.paddingLG,
      }}
    >
      {children}
    </div>
  );
}
