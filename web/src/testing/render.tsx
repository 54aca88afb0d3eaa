import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { I18nProvider, type Locale } from '../lib/i18n.tsx';
import { sessionRights } from '@dws-console/shared';
import { MessageApiProvider } from '../lib/message-api.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { SessionScope, type SessionScopeValue } from '../lib/session-scope.tsx';

/** antd reads media queries that jsdom lacks. */
function polyfillMatchMedia() {
  if (typeof window.matchMedia === 'function') return;
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

/** antd's menus and overflow measure themselves; jsdom has no layout, so nothing is ever resized. */
function polyfillResizeObserver() {
  if (typeof window.ResizeObserver === 'function') return;
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/** A session in project ae-ad-1 whose token's roles allow everything, as the demo administrator's. */
export const administratorScope: SessionScopeValue = {
  project: { id: '89cd04f168b84af6be287f71730fdb4b', name: 'ae-ad-1' },
  rights: sessionRights(['DWS Administrator', 'CTS ReadOnlyAccess']),
};

/** The demo administrator after switching to the second project. */
export const otherProjectScope: SessionScopeValue = {
  ...administratorScope,
  project: { id: '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e', name: 'ae-ad-2' },
};

/** The same project for a user holding only the read-only role. */
export const viewerScope: SessionScopeValue = {
  ...administratorScope,
  rights: sessionRights(['DWS ReadOnlyAccess']),
};

/** Renders a component with the providers every page has, in the given language and session. */
export function renderWithProviders(
  ui: ReactElement,
  locale: Locale = 'zh-CN',
  scope: SessionScopeValue = administratorScope,
) {
  polyfillMatchMedia();
  polyfillResizeObserver();
  localStorage.setItem('dws-console.locale', locale);
  // The console's own client, so its reactions to calls are tested too; a failure shows at once, and no
  // answer is kept fresh for later.
  const queryClient = createQueryClient({
    onSessionEnded: () => undefined,
    onProjectChanged: () => undefined,
  });
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const withProviders = (shown: SessionScopeValue) => (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <MessageApiProvider>
          <SessionScope value={shown}>
            <MemoryRouter>{ui}</MemoryRouter>
          </SessionScope>
        </MessageApiProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  const rendered = render(withProviders(scope));
  /** Draws the same page in another session, as after a switch of project. */
  const showScope = (other: SessionScopeValue) => rendered.rerender(withProviders(other));
  return { ...rendered, showScope };
}
