import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { I18nProvider, type Locale } from '../lib/i18n.tsx';
import { MessageApiProvider } from '../lib/message-api.tsx';

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

/** Renders a component with the providers every page has, in the given language. */
export function renderWithProviders(ui: ReactElement, locale: Locale = 'zh-CN') {
  polyfillMatchMedia();
  polyfillResizeObserver();
  localStorage.setItem('dws-console.locale', locale);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <MessageApiProvider>
          <MemoryRouter>{ui}</MemoryRouter>
        </MessageApiProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}
