import { Drawer } from 'antd';
import type { RefObject } from 'react';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { SessionScope, type SessionScopeValue } from '../../lib/session-scope.tsx';
import { AssistantDock, type AssistantDockProps } from './assistant-dock.tsx';
import { PanelResizer, usePanelWidth } from './panel-resizer.tsx';

export interface AssistantDrawerProps extends AssistantDockProps {
  isOpen: boolean;
  isNarrow: boolean;
  onClose: () => void;
  /** The button that opens the panel: a panel closed while the focus was in it gives the focus back to it. */
  opener: RefObject<HTMLButtonElement | null>;
  session: SessionScopeValue;
}

/**
 * The assistant beside the page. The shell renders it once the assistant is first opened and keeps it mounted
 * after, so conversations stay; its code (the drawer, the chat) loads then, not with the first page.
 */
export function AssistantDrawer({
  isOpen,
  isNarrow,
  onClose,
  opener,
  session,
  ...dock
}: AssistantDrawerProps) {
  const { t } = useI18n();
  const [width, setWidth] = usePanelWidth(isNarrow ? 400 : 520);
  return (
    // No mask: the page stays usable beside the panel.
    <Drawer
      title={t('header.assistant')}
      placement="right"
      mask={false}
      size={width}
      drawerRender={(drawer) => (
        <>
          {drawer}
          <PanelResizer width={width} onResize={setWidth} label={t('header.assistantWidth')} />
        </>
      )}
      open={isOpen}
      onClose={onClose}
      rootClassName="assistant-drawer"
      afterOpenChange={(open) => {
        const focused = document.activeElement;
        if (!open && (focused === document.body || focused?.closest('.assistant-drawer'))) {
          opener.current?.focus();
        }
      }}
      forceRender
      data-testid="assistant-drawer"
    >
      <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
        <SessionScope key={session.project.id} value={session}>
          <AssistantDock {...dock} />
        </SessionScope>
      </ErrorBoundary>
    </Drawer>
  );
}
