import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/session/index.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { ShellLayout } from './shell-layout.tsx';

/**
 * Each page is its own chunk so the shell stays small; the clusters list, where almost every visit starts,
 * is fetched while the session is checked (see `preloadDefaultRoute`).
 */
const loadClusters = () => import('./routes/clusters-route.tsx').then((m) => m.ClustersRoute);
export const preloadDefaultRoute = () => void loadClusters();

// Route modules use named exports like the rest of the code; React.lazy wants a default one.
const page = (loader: () => Promise<ComponentType>) => {
  const Page: LazyExoticComponent<ComponentType> = lazy(() => loader().then((c) => ({ default: c })));
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
      <Page />
    </Suspense>
  );
};

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: <ShellLayout />,
      children: [
        { index: true, element: <Navigate to="/clusters" replace /> },
        { path: 'clusters', element: page(loadClusters) },
        {
          path: 'clusters/new',
          element: page(() => import('./routes/create-cluster-route.tsx').then((m) => m.CreateClusterRoute)),
        },
        {
          path: 'clusters/:id',
          element: page(() => import('./routes/cluster-detail-route.tsx').then((m) => m.ClusterDetailRoute)),
        },
        {
          path: 'snapshots',
          element: page(() => import('./routes/snapshots-route.tsx').then((m) => m.SnapshotsRoute)),
        },
        {
          path: 'snapshots/:id',
          element: page(() =>
            import('./routes/snapshot-detail-route.tsx').then((m) => m.SnapshotDetailRoute),
          ),
        },
        {
          path: 'node-types',
          element: page(() => import('./routes/node-types-route.tsx').then((m) => m.NodeTypesRoute)),
        },
        { path: 'chat', element: page(() => import('./routes/chat-route.tsx').then((m) => m.ChatRoute)) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
