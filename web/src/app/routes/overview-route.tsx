import { Badge, Col, Empty, Flex, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { runningTask, type ClusterInfo, type Snapshot } from '@dws-console/shared';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { StatusBadge, TaskProgress } from '../../components/status-badge.tsx';
import { Surface } from '../../components/surface.tsx';
// The features' query hooks, not their index: the overview must not carry their pages.
import { useClustersQuery } from '../../features/clusters/api/get-clusters.ts';
import { useSnapshotsQuery } from '../../features/snapshots/api/get-snapshots.ts';
import { hasMessage, useI18n, useMessages } from '../../lib/i18n.tsx';

const messages = {
  'zh-CN': {
    title: '总览',
    clusters: '集群',
    clustersTotal: '共 {count, plural, other {# 个集群}}',
    noClusters: '还没有集群',
    tasks: '正在执行的任务',
    noTasks: '没有正在执行的任务',
    snapshots: '最近 24 小时的快照',
    snapshotsTotal: '共 {count, plural, other {# 个快照}}',
    noSnapshots: '最近 24 小时没有快照',
    alarms: 'DBMind 告警',
    alarmsHint: '告警由 DBMind 智能运维助手查询并诊断。',
    alarmsLink: '在智能运维中查看告警',
  },
  en: {
    title: 'Overview',
    clusters: 'Clusters',
    clustersTotal: '{count, plural, one {# cluster} other {# clusters}}',
    noClusters: 'No clusters yet',
    tasks: 'Tasks running',
    noTasks: 'No task is running',
    snapshots: 'Snapshots of the last 24 hours',
    snapshotsTotal: '{count, plural, one {# snapshot} other {# snapshots}}',
    noSnapshots: 'No snapshot in the last 24 hours',
    alarms: 'DBMind alarms',
    alarmsHint: 'Alarms are queried and diagnosed by the DBMind assistant.',
    alarmsLink: 'See the alarms in Intelligent O&M',
  },
} as const;

const dayMs = 24 * 60 * 60 * 1000;

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

interface CardProps {
  title: string;
  children: ReactNode;
}

function Card({ title, children }: CardProps) {
  return (
    <Surface>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Surface>
  );
}

function ClustersByStatus({ clusters }: { clusters: ClusterInfo[] }) {
  const t = useMessages(messages);
  const { format } = useI18n();
  if (clusters.length === 0)
    return <Empty description={t('noClusters')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <>
      <Link to="/clusters">
        <Statistic value={clusters.length} formatter={() => t('clustersTotal', { count: clusters.length })} />
      </Link>
      <Flex wrap gap={16} style={{ marginTop: 12 }}>
        {countBy(clusters, (c) => c.status).map(([status, count]) => (
          <Link key={status} to={`/clusters?status=${encodeURIComponent(status)}`}>
            <Flex gap={6} align="center">
              <StatusBadge status={status} />
              <Typography.Text strong>{format.number(count)}</Typography.Text>
            </Flex>
          </Link>
        ))}
      </Flex>
    </>
  );
}

function RunningTasks({ clusters }: { clusters: ClusterInfo[] }) {
  const t = useMessages(messages);
  const busy = clusters.filter((c) => runningTask(c) ?? c.action_progress);
  if (busy.length === 0) return <Typography.Text type="secondary">{t('noTasks')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {busy.map((cluster) => (
        <Flex key={cluster.id} justify="space-between" align="center" gap={8}>
          <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link>
          <TaskProgress actionProgress={cluster.action_progress} taskStatus={cluster.task_status} />
        </Flex>
      ))}
    </Flex>
  );
}

/** `asOf`: when the list was fetched, so that "the last 24 hours" ends when the list was true. */
function RecentSnapshots({ snapshots, asOf }: { snapshots: Snapshot[]; asOf: number }) {
  const t = useMessages(messages);
  const { t: tCommon, format } = useI18n();
  const since = asOf - dayMs;
  const recent = snapshots.filter((s) => s.started && Date.parse(s.started) >= since);
  if (recent.length === 0) return <Typography.Text type="secondary">{t('noSnapshots')}</Typography.Text>;
  return (
    <>
      <Link to="/snapshots">
        <Statistic value={recent.length} formatter={() => t('snapshotsTotal', { count: recent.length })} />
      </Link>
      <Flex wrap gap={16} style={{ marginTop: 12 }}>
        {countBy(recent, (s) => s.status).map(([status, count]) => (
          <Link key={status} to="/snapshots">
            <Badge
              status={status === 'AVAILABLE' ? 'success' : status === 'CREATING' ? 'processing' : 'error'}
              text={`${hasMessage(`status.${status}`) ? tCommon(`status.${status}` as never) : status} ${format.number(count)}`}
            />
          </Link>
        ))}
      </Flex>
    </>
  );
}

/** The home page: the project at a glance, each figure a link to the list behind it. */
export function OverviewRoute() {
  const t = useMessages(messages);
  const { token } = theme.useToken();
  const clusters = useClustersQuery();
  const snapshots = useSnapshotsQuery();
  return (
    <Flex vertical gap={token.marginLG}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Row gutter={[token.marginLG, token.marginLG]}>
        <Col xs={24} lg={12}>
          <Card title={t('clusters')}>
            {clusters.error ? (
              <ApiErrorAlert error={clusters.error} />
            ) : clusters.data ? (
              <ClustersByStatus clusters={clusters.data.clusters} />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('tasks')}>
            {clusters.data ? (
              <RunningTasks clusters={clusters.data.clusters} />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('snapshots')}>
            {snapshots.error ? (
              <ApiErrorAlert error={snapshots.error} />
            ) : snapshots.data ? (
              <RecentSnapshots snapshots={snapshots.data} asOf={snapshots.dataUpdatedAt} />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('alarms')}>
            <Typography.Paragraph type="secondary">{t('alarmsHint')}</Typography.Paragraph>
            <Link to="/chat">{t('alarmsLink')}</Link>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
