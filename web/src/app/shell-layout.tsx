import {
  ClusterOutlined,
  LogoutOutlined,
  RobotOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogOutMutation, useSessionQuery } from '../features/session/index.ts';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { useI18n } from '../lib/i18n.tsx';

/** The frame of every page after log-in; without a session it sends the user to log in and back. */
export function ShellLayout() {
  const { t, locale, setLocale } = useI18n();
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
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
        <div style={{ padding: 16 }}>
          <Typography.Text strong>{t('app.title')}</Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => void navigate(`/${key}`)}
          items={[
            { key: 'clusters', icon: <ClusterOutlined />, label: t('nav.clusters') },
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
              icon={<LogoutOutlined />}
              loading={logOut.isPending}
              onClick={() => logOut.mutate()}
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ErrorBoundary title={t('error.title')} reloadLabel={t('error.reload')}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
