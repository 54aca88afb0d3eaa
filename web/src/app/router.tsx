import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { BootFrame } from '../components/boot-frame.tsx';
import { ShellLayout } from './shell-layout.tsx';

/**
 * Every page, the log-in page included, is its own chunk so the shell stays small. index.html's early script asks
 * for the chunks of the page being opened (`preloadRouteCode` in early-requests.ts, whose `routePages` follow these
 * routes); the overview, where almost every visit starts, is requested again here while the session is checked,
 * for the case that the browser ignored the hint.
 */
const loadOverview = () => import('./routes/overview-route.tsx').then((m) => m.OverviewRoute);
export const preloadDefaultRoute = () => void loadOverview();

// Route modules use named exports like the rest of the code; React.lazy wants a default one.
const page = (
  loader: () => Promise<ComponentType>,
  fallback = <Spin style={{ display: 'block', margin: '64px auto' }} />,
) => {
  const Page: LazyExoticComponent<ComponentType> = lazy(() => loader().then((c) => ({ default: c })));
  return (
    <Suspense fallback={fallback}>
      <Page />
    </Suspense>
  );
};

/**
 * Declarative routes: the console uses no loaders or actions, and the data router costs about 17 KiB of
 * gzipped JavaScript on every first load.
 */
const routes: RouteObject[] = [
  {
    path: '/login',
    element: page(() => import('./routes/login-route.tsx').then((m) => m.LoginRoute), <BootFrame />),
  },
  {
    element: <ShellLayout />,
    children: [
      { index: true, element: page(loadOverview) },
      {
        path: 'clusters',
        element: page(() => import('./routes/clusters-route.tsx').then((m) => m.ClustersRoute)),
      },
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
        element: page(() => import('./routes/snapshot-detail-route.tsx').then((m) => m.SnapshotDetailRoute)),
      },
      {
        path: 'node-types',
        element: page(() => import('./routes/node-types-route.tsx').then((m) => m.NodeTypesRoute)),
      },
      {
        path: 'operations-log',
        element: page(() => import('./routes/operations-log-route.tsx').then((m) => m.OperationsLogRoute)),
      },
      { path: 'chat', element: page(() => import('./routes/chat-route.tsx').then((m) => m.ChatRoute)) },
      { path: '*', element: page(() => import('./not-found-page.tsx').then((m) => m.NotFoundPage)) },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
