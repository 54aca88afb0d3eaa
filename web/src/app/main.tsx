import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { Providers } from './providers.tsx';
import { AppRoutes, preloadDefaultRoute } from './router.tsx';

if (window.location.pathname === '/') {
  preloadDefaultRoute();
}
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** Pages outside the shell (the log-in page) fail into this one; the shell has its own. */
function RootErrorBoundary({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
      {children}
    </ErrorBoundary>
  );
}

createRoot(root).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <RootErrorBoundary>
          <AppRoutes />
        </RootErrorBoundary>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
