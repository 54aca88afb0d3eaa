import { createBrowserRouter, Navigate } from 'react-router';
import { ChatRoute } from './chat-route.tsx';
import { ClustersPage } from '../features/clusters/index.ts';
import { LoginPage } from '../features/session/index.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { ShellLayout } from './shell-layout.tsx';

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: <ShellLayout />,
      children: [
        { index: true, element: <Navigate to="/clusters" replace /> },
        { path: 'clusters', element: <ClustersPage /> },
        { path: 'chat', element: <ChatRoute /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
