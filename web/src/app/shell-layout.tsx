import {
  CameraOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  RobotOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Space, Tag } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { matchPath, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { closeAnswerStreams } from '../features/chat/hooks/close-streams.ts';
import type { Diagnosis } from '../features/chat/hooks/use-diagnosis.ts';
import { useLogOutMutation } from '../features/session/api/log-out.ts';
import { useSessionQuery } from '../features/session/api/get-session.ts';
import { MfaDeviceButton } from '../features/session/components/mfa-device-button.tsx';
import { SessionEndWarning } from '../features/session/components/session-end-warning.tsx';
import { BootFrame } from '../components/boot-frame.tsx';
import { PermissionLabel } from '../components/permission-button.tsx';
import { PlainText } from '../components/plain-typography.tsx';
import { LanguageThemeSwitch } from '../components/language-theme-switch.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useMediaQuery } from '../lib/media-query.ts';
import { SessionScope } from '../lib/session-scope.tsx';
import { useThemeMode } from '../lib/theme.tsx';
import { AssistantContext, type AssistantControl } from './assistant-context.tsx';

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** react-query pauses and retries by itself when the browser is offline; the banner tells the user why. */
function useIsOnline() {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** Below 1280 px the side menu folds to its icons, leaving the tables their width. */
const narrowQuery = '(max-width: 1279px)';

// The switch needs antd's Select, which no other part of the shell uses: it loads after the first paint.
const ProjectSwitch = lazy(() =>
  import('../features/session/components/project-switch.tsx').then((m) => ({ default: m.ProjectSwitch })),
);

// The assistant loads when it is first opened: most visits never open it.
const AssistantDrawer = lazy(() =>
  import('./assistant/assistant-drawer.tsx').then((m) => ({ default: m.AssistantDrawer })),
);

/** The assistant panel's state: kept in the shell, so it stays open (or closed) while the user navigates. */
function useAssistantState() {
  const [state, setState] = useState<{ open: boolean; opened: boolean; diagnose?: Diagnosis }>({
    open: false,
    opened: false,
  });
  const control = useMemo<AssistantControl>(
    () => ({ open: (diagnose) => setState({ open: true, opened: true, diagnose }) }),
    [],
  );
  return {
    ...state,
    control,
    toggle: () => setState((s) => ({ ...s, open: !s.open, opened: true })),
    close: () => setState((s) => ({ ...s, open: false })),
    diagnosed: () => setState((s) => ({ ...s, diagnose: undefined })),
  };
}

/** The name of the page at `path`, as the side menu calls it. */
function pageTitle(path: string, t: ReturnType<typeof useI18n>['t']): string {
  if (path === '/clusters/new') return t('page.createCluster');
  if (matchPath('/clusters/:id', path)) return t('page.clusterDetail');
  if (matchPath('/snapshots/:id', path)) return t('page.snapshotDetail');
  const section = path.split('/')[1];
  if (section === 'clusters') return t('nav.clusters');
  if (section === 'snapshots') return t('nav.snapshots');
  if (section === 'node-types') return t('nav.nodeTypes');
  if (section === 'chat') return t('nav.chat');
  if (!section) return t('nav.overview');
  return t('notFound.title');
}

/** The frame of every page after log-in; without a session it sends the user to log in and back. */
export function ShellLayout() {
  const { t } = useI18n();
  const { mode } = useThemeMode();
  const isOnline = useIsOnline();
  const isNarrow = useMediaQuery(narrowQuery);
  const session = useSessionQuery();
  const logOut = useLogOutMutation();
  const location = useLocation();
  const navigate = useNavigate();
  const assistant = useAssistantState();
  const assistantButton = useRef<HTMLButtonElement>(null);
  const clusterId = matchPath('/clusters/:id', location.pathname)?.params.id;
  useDocumentTitle(pageTitle(location.pathname, t), t('app.title'));

  if (session.isPending) {
    return <BootFrame />;
  }
  if (!session.data) {
    // After a deliberate log-out there is no page to come back to.
    if (!logOut.isIdle) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const selected = location.pathname.split('/')[1] || 'overview';
  // Keyed by the project, the page and the assistant are drawn afresh after a switch: nothing a page held of the
  // old project (an open dialog, a chosen conversation) outlives it.
  const projectId = session.data.project.id;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsed={isNarrow} collapsedWidth={64} theme={mode}>
        <div style={{ padding: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <PlainText isStrong style={{ color: mode === 'dark' ? '#fff' : undefined }}>
            {isNarrow ? 'DWS' : t('app.title')}
          </PlainText>
        </div>
        <Menu
          mode="inline"
          theme={mode}
          // Folded to icons, each entry names itself in a tooltip; unfolded its label says it, and six tooltips
          // (each a trigger watching its entry's size) are work the first paint does for nothing.
          tooltip={isNarrow ? undefined : false}
          selectedKeys={[selected]}
          onClick={({ key }) => void navigate(key === 'overview' ? '/' : `/${key}`)}
          items={[
            {
              key: 'overview',
              icon: <DashboardOutlined />,
              label: t('nav.overview'),
              title: t('nav.overview'),
            },
            {
              key: 'clusters',
              icon: <ClusterOutlined />,
              label: t('nav.clusters'),
              title: t('nav.clusters'),
            },
            {
              key: 'snapshots',
              icon: <CameraOutlined />,
              label: t('nav.snapshots'),
              title: t('nav.snapshots'),
            },
            {
              key: 'node-types',
              icon: <DatabaseOutlined />,
              label: t('nav.nodeTypes'),
              title: t('nav.nodeTypes'),
            },
            {
              key: 'operations-log',
              icon: <FileSearchOutlined />,
              label: (
                <PermissionLabel action="traces.list" scope={session.data}>
                  {t('nav.operationsLog')}
                </PermissionLabel>
              ),
              title: t('nav.operationsLog'),
            },
            { key: 'chat', icon: <RobotOutlined />, label: t('nav.chat'), title: t('nav.chat') },
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            background: 'transparent',
          }}
        >
          <Space>
            <Button
              ref={assistantButton}
              type={assistant.open ? 'primary' : 'text'}
              icon={<RobotOutlined />}
              aria-pressed={assistant.open}
              onClick={assistant.toggle}
            >
              {t('header.assistant')}
            </Button>
            <Suspense fallback={<Tag>{session.data.project.name}</Tag>}>
              <ProjectSwitch current={session.data.project.name} />
            </Suspense>
            <span style={{ whiteSpace: 'nowrap' }}>
              <UserOutlined /> {session.data.user.name}
            </span>
            {/* A person signed in through their organisation's provider sets up MFA there. */}
            {session.data.signedInWith === 'password' && <MfaDeviceButton />}
            <SessionEndWarning session={session.data} />
            <LanguageThemeSwitch />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              loading={logOut.isPending}
              // No chat text stays in this browser once its user has left.
              onClick={() => logOut.mutate(undefined, { onSettled: closeAnswerStreams })}
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: isNarrow ? 16 : 24, minWidth: 0 }}>
          {!isOnline && (
            <Alert type="warning" showIcon banner title={t('common.offline')} style={{ marginBottom: 16 }} />
          )}
          <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
            <AssistantContext value={assistant.control}>
              <SessionScope key={projectId} value={session.data}>
                <Outlet />
              </SessionScope>
            </AssistantContext>
          </ErrorBoundary>
        </Layout.Content>
        {assistant.opened && (
          <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
            <Suspense fallback={null}>
              <AssistantDrawer
                isOpen={assistant.open}
                isNarrow={isNarrow}
                onClose={assistant.close}
                opener={assistantButton}
                session={session.data}
                clusterId={clusterId === 'new' ? undefined : clusterId}
                diagnose={assistant.diagnose}
                onDiagnoseAsked={assistant.diagnosed}
              />
            </Suspense>
          </ErrorBoundary>
        )}
      </Layout>
    </Layout>
  );
}
