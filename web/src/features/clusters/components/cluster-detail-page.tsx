import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ClusterDetail } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { CopyField } from '../../../components/copy-field.tsx';
import { StatusBadge, useSubStatusLabel, useTaskLabel } from '../../../components/status-badge.tsx';
import { useClusterQuery } from '../api/get-cluster.ts';
import { hasMessage, useI18n, type Locale } from '../../../lib/i18n.tsx';
import { useClustersT } from '../messages.ts';
import { ClusterActions } from './cluster-actions.tsx';
import { psqlCommand } from './psql-command.ts';

export interface ClusterDetailPageProps {
  clusterId: string;
  /** The cluster's snapshots, rendered by the snapshots feature (features do not import each other). */
  snapshots?: (cluster: ClusterDetail) => ReactNode;
  /** The cluster's metrics and alarms, rendered by the monitoring feature, below its snapshots. */
  monitoring?: (cluster: ClusterDetail) => ReactNode;
  /** The cluster's operations as Cloud Trace Service recorded them, last on the page, with its title. */
  events?: { title: string; render: (cluster: ClusterDetail) => ReactNode };
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** DWS names a maintenance day `Mon`…`Sun`; the console says it as the user's language does. */
function weekdayName(day: string | undefined, locale: Locale): string {
  const index = weekdays.indexOf(day ?? '');
  if (index < 0) return day ?? '-';
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + index),
  );
}

/** The port in `host:port`: the one a client connects to, which DWS's own `port` field may not be. */
function portOf(connectInfo: string | undefined): string | undefined {
  const port = connectInfo?.slice(connectInfo.lastIndexOf(':') + 1);
  return port && /^\d+$/.test(port) ? port : undefined;
}

export function ClusterDetailPage({ clusterId, snapshots, monitoring, events }: ClusterDetailPageProps) {
  const t = useClustersT();
  const { t: tCommon, locale, format } = useI18n();
  const date = format.dateTime;
  const taskLabel = useTaskLabel();
  const subStatusLabel = useSubStatusLabel();
  const query = useClusterQuery(clusterId);
  const cluster = query.data;

  const header = (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Space>
        <Link to="/clusters" aria-label={t('back')}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {cluster?.name ?? clusterId}
        </Typography.Title>
        {cluster && (
          <StatusBadge
            status={cluster.status}
            actionProgress={cluster.action_progress}
            taskStatus={cluster.task_status}
          />
        )}
      </Space>
      <Space wrap>
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
          {t('refresh')}
        </Button>
        {cluster && <ClusterActions cluster={cluster} />}
      </Space>
    </Flex>
  );

  if (query.error) {
    return (
      <Card>
        {header}
        <ApiErrorAlert error={query.error} />
      </Card>
    );
  }
  if (!cluster) {
    return (
      <Card>
        {header}
        <Skeleton active />
      </Card>
    );
  }

  const endpoint = cluster.endpoints?.[0];
  const publicEndpoint = cluster.public_endpoints?.[0];
  const failures = cluster.failed_reasons ? [cluster.failed_reasons] : [];
  const connectPort = portOf(endpoint?.connect_info);
  const bindType = cluster.public_ip?.public_bind_type;
  const bindKey = `publicIp.${bindType}`;
  const parameterStatus = cluster.parameter_group?.status;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        {header}
        <Descriptions title={t('group.basics')} bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          {/* A row of its own: an id broken over two lines cannot be read or compared at a glance. */}
          <Descriptions.Item label={t('field.id')} span="filled">
            <CopyField value={cluster.id} label={t('field.id')} isCode={false} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.status')}>
            <StatusBadge
              status={cluster.status}
              actionProgress={cluster.action_progress}
              taskStatus={cluster.task_status}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.subStatus')}>
            {cluster.sub_status ? subStatusLabel(cluster.sub_status) : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.task')}>
            {taskLabel(cluster.task_status) || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.nodeType')}>{cluster.node_type ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.nodeTypeId')}>{cluster.node_type_id ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.nodes')}>{cluster.number_of_node ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.cns')}>{cluster.number_of_cn ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.version')}>{cluster.version ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.userName')}>{cluster.user_name ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.created')}>{date(cluster.created)}</Descriptions.Item>
          <Descriptions.Item label={t('field.updated')}>{date(cluster.updated)}</Descriptions.Item>
          <Descriptions.Item label={t('field.recentEvent')}>{cluster.recent_event ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.enterpriseProject')}>
            {cluster.enterprise_project_id === '0'
              ? t('enterpriseProject.default')
              : (cluster.enterprise_project_id ?? '-')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card>
        <Descriptions title={t('group.network')} bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('field.zone')}>{cluster.availability_zone ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.port')}>
            {connectPort ?? cluster.port ?? '-'}
            {connectPort && cluster.port !== undefined && String(cluster.port) !== connectPort && (
              <Typography.Text type="secondary">
                {' '}
                {t('field.portAsked', { port: cluster.port })}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.vpc')}>{cluster.vpc_id ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.subnet')}>{cluster.subnet_id ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('field.securityGroup')}>
            {cluster.security_group_id ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.privateIp')}>
            {cluster.private_ip?.join(', ') || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.publicIp')}>
            {bindType ? (hasMessage(bindKey) ? tCommon(bindKey) : bindType) : '-'}
            {cluster.public_ip?.eip_id ? ` (${cluster.public_ip.eip_id})` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card>
        <Descriptions title={t('group.connection')} bordered size="small" column={1}>
          <Descriptions.Item label={t('field.privateEndpoint')}>
            {endpoint ? <CopyField value={endpoint.connect_info} label={t('field.privateEndpoint')} /> : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.jdbc')}>
            {endpoint ? <CopyField value={endpoint.jdbc_url} label={t('field.jdbc')} /> : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.psql')}>
            {endpoint ? (
              <CopyField
                value={psqlCommand(endpoint.connect_info, endpoint.jdbc_url, cluster.user_name)}
                label={t('field.psql')}
              />
            ) : (
              '-'
            )}
          </Descriptions.Item>
          {publicEndpoint?.public_connect_info && (
            <Descriptions.Item label={t('field.publicEndpoint')}>
              <CopyField value={publicEndpoint.public_connect_info} label={t('field.publicEndpoint')} />
            </Descriptions.Item>
          )}
          {publicEndpoint?.jdbc_url && (
            <Descriptions.Item label={t('field.publicJdbc')}>
              <CopyField value={publicEndpoint.jdbc_url} label={t('field.publicJdbc')} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Flex gap={16} wrap>
        <Card style={{ flex: '1 1 320px' }}>
          <Descriptions title={t('group.maintenance')} size="small" column={1}>
            <Descriptions.Item label={t('field.day')}>
              {weekdayName(cluster.maintain_window?.day, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.window')}>
              {cluster.maintain_window
                ? `${cluster.maintain_window.start_time ?? ''} - ${cluster.maintain_window.end_time ?? ''}`
                : '-'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card style={{ flex: '1 1 320px' }}>
          <Descriptions title={t('group.resize')} size="small" column={1}>
            <Descriptions.Item label={t('field.resizeStatus')}>
              {taskLabel(cluster.resize_info?.resize_status) || '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.origin')}>
              {cluster.resize_info?.origin_node_num ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.target')}>
              {cluster.resize_info?.target_node_num ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.startTime')}>
              {date(cluster.resize_info?.start_time)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card style={{ flex: '1 1 320px' }}>
          <Descriptions title={t('group.parameterGroup')} size="small" column={1}>
            <Descriptions.Item label={t('field.name')}>
              {cluster.parameter_group?.name ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label="ID">{cluster.parameter_group?.id ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('field.status')}>
              {parameterStatus === 'In-Sync' || parameterStatus === 'Pending-Reboot'
                ? t(`parameterGroup.${parameterStatus}`)
                : (parameterStatus ?? '-')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Flex>

      <Flex gap={16} wrap>
        <Card title={t('group.tags')} size="small" style={{ flex: '1 1 320px' }}>
          {cluster.tags && cluster.tags.length > 0 ? (
            cluster.tags.map((tag) => <Tag key={tag.key}>{`${tag.key}=${tag.value}`}</Tag>)
          ) : (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          )}
        </Card>
        <Card title={t('group.failures')} size="small" style={{ flex: '1 1 320px' }}>
          {failures.length > 0 ? (
            failures.map((f) => (
              <Typography.Paragraph key={f.error_code} type="danger">
                {f.error_code}: {f.error_msg}
              </Typography.Paragraph>
            ))
          ) : (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          )}
        </Card>
      </Flex>

      {snapshots && <Card title={t('group.snapshots')}>{snapshots(cluster) ?? <Empty />}</Card>}
      {monitoring?.(cluster)}
      {events && <Card title={events.title}>{events.render(cluster)}</Card>}
    </Space>
  );
}
