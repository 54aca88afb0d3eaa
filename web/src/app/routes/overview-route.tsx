import { Badge, Col, Empty, Flex, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  alarmSeverities,
  runningTask,
  type AlarmSeverity,
  type ClusterInfo,
  type ProjectAlarms,
  type Snapshot,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { StatusBadge, TaskProgress } from '../../components/status-badge.tsx';
import { Surface } from '../../components/surface.tsx';
// The features' query hooks, not their index: the overview must not carry their pages.
import { useClustersQuery } from '../../features/clusters/api/get-clusters.ts';
import { useProjectAlarmsQuery } from '../../features/monitoring/api/get-project-alarms.ts';
import { useSnapshotsQuery } from '../../features/snapshots/api/get-snapshots.ts';
import { RecentFailures } from '../../features/traces/components/recent-failures.tsx';
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
    failures: '最近失败或被拒绝的操作',
    alarms: 'DBMind 告警',
    alarmsTotal: '最近 1 小时 {count, plural, other {# 条告警}}',
    noAlarms: '被监控的集群最近 1 小时没有告警',
    alarmsOfCluster: '{count, plural, other {# 条告警}}',
    unwatched: '{count, plural, other {# 个集群}}未被 DBMind 监控',
    'severity.critical': '紧急',
    'severity.error': '重要',
    'severity.warning': '次要',
    'severity.info': '提示',
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
    failures: 'Last failed or refused operations',
    alarms: 'DBMind alarms',
    alarmsTotal: '{count, plural, one {# alarm} other {# alarms}} in the last hour',
    noAlarms: 'No alarm in the watched clusters in the last hour',
    alarmsOfCluster: '{count, plural, one {# alarm} other {# alarms}}',
    unwatched: '{count, plural, one {# cluster is} other {# clusters are}} not watched by DBMind',
    'severity.critical': 'Critical',
    'severity.error': 'Major',
    'severity.warning': 'Minor',
    'severity.info': 'Info',
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
              {/* The badge takes the width it is given; the count must never wrap digit by digit under it. */}
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {format.number(count)}
              </Typography.Text>
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

const severityBadge: Record<AlarmSeverity, 'error' | 'warning' | 'processing' | 'default'> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'processing',
};

/**
 * The current DBMind alarms of the project's clusters: by severity (seen in the assistant), by cluster (seen
 * on the cluster's monitoring card), and how many clusters DBMind does not watch (registered in the assistant).
 */
function ProjectAlarmsSummary({ alarms, clusters }: { alarms: ProjectAlarms; clusters: ClusterInfo[] }) {
  const t = useMessages(messages);
  const { format } = useI18n();
  const nameOf = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;
  const alarmed = alarms.clusters.filter((c) => c.alarms.length > 0);
  const all = alarmed.flatMap((c) => c.alarms);
  const unwatched = alarms.clusters.filter((c) => !c.watched).length;
  return (
    <Flex vertical gap={12}>
      {all.length === 0 ? (
        <Typography.Text type="secondary">{t('noAlarms')}</Typography.Text>
      ) : (
        <>
          <Link to="/chat">
            <Statistic value={all.length} formatter={() => t('alarmsTotal', { count: all.length })} />
          </Link>
          <Flex wrap gap={16}>
            {alarmSeverities
              .map((severity) => [severity, all.filter((a) => a.severity === severity).length] as const)
              .filter(([, count]) => count > 0)
              .map(([severity, count]) => (
                <Link key={severity} to="/chat">
                  <Badge
                    status={severityBadge[severity]}
                    text={`${t(`severity.${severity}`)} ${format.number(count)}`}
                  />
                </Link>
              ))}
          </Flex>
          <Flex vertical gap={4}>
            {alarmed.map((cluster) => (
              <Flex key={cluster.cluster_id} justify="space-between" gap={8}>
                <Link to={`/clusters/${cluster.cluster_id}#monitoring`}>{nameOf(cluster.cluster_id)}</Link>
                <Link to={`/clusters/${cluster.cluster_id}#monitoring`}>
                  {t('alarmsOfCluster', { count: cluster.alarms.length })}
                </Link>
              </Flex>
            ))}
          </Flex>
        </>
      )}
      {unwatched > 0 && <Link to="/chat">{t('unwatched', { count: unwatched })}</Link>}
    </Flex>
  );
}

/** The home page: the project at a glance, each figure a link to the list behind it. */
export function OverviewRoute() {
  const t = useMessages(messages);
  const { token } = theme.useToken();
  const clusters = useClustersQuery();
  const snapshots = useSnapshotsQuery();
  const alarms = useProjectAlarmsQuery();
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
            {alarms.error ? (
              <ApiErrorAlert error={alarms.error} />
            ) : alarms.data && clusters.data ? (
              <ProjectAlarmsSummary alarms={alarms.data} clusters={clusters.data.clusters} />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('failures')}>
            <RecentFailures />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
