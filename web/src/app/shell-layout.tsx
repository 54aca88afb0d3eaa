import {
  CameraOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  LogoutOutlined,
  MoonOutlined,
  SunOutlined,
  RobotOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
// Not the feature's index: it also exports the log-in page, which would pull the form into the shell chunk.
import { forgetConversations } from '../features/chat/hooks/conversation-store.ts';
import { useLogOutMutation } from '../features/session/api/log-out.ts';
import { useSessionQuery } from '../features/session/api/get-session.ts';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useThemeMode } from '../lib/theme.tsx';

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

/** The frame of every page after log-in; without a session it sends the user to log in and back. */
export function ShellLayout() {
  const { t, locale, setLocale } = useI18n();
  const { mode, setMode } = useThemeMode();
  const isOnline = useIsOnline();
  const session = useSessionQuery();
  const logOut = useLogOutMutation();
  const location = useLocation();
  const navigate = useNavigate();

  if (session.isPending) {
    return <Spin fullscreen />;
  }
  if (!session.data) {
    // After a deliberate log-out there is no page to come back to.
    if (!logOut.isIdle) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const selected = location.pathname.split('/')[1] ?? 'clusters';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme={mode}>
        <div style={{ padding: 16 }}>
          <Typography.Text strong style={{ color: mode === 'dark' ? '#fff' : undefined }}>
            {t('app.title')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          theme={mode}
          selectedKeys={[selected]}
          onClick={({ key }) => void navigate(`/${key}`)}
          items={[
            { key: 'clusters', icon: <ClusterOutlined />, label: t('nav.clusters') },
            { key: 'snapshots', icon: <CameraOutlined />, label: t('nav.snapshots') },
            { key: 'node-types', icon: <DatabaseOutlined />, label: t('nav.nodeTypes') },
            { key: 'chat', icon: <RobotOutlined />, label: t('nav.chat') },
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
            <Tag>{session.data.project.name}</Tag>
            <span>
              <UserOutlined /> {session.data.user.name}
            </span>
            <Button
              type="text"
              icon={<TranslationOutlined />}
              onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            >
              {t('header.language')}
            </Button>
            <Button
              type="text"
              icon={mode === 'dark' ? <SunOutlined /> : <MoonOutlined />}
              onClick={() => setMode(mode === 'dark' ? 'light' : 'dark')}
            >
              {mode === 'dark' ? t('header.themeLight') : t('header.themeDark')}
            </Button>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              loading={logOut.isPending}
              // No chat text stays in this browser once its user has left.
              onClick={() => logOut.mutate(undefined, { onSettled: forgetConversations })}
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {!isOnline && (
            <Alert type="warning" showIcon banner title={t('common.offline')} style={{ marginBottom: 16 }} />
          )}
          <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
