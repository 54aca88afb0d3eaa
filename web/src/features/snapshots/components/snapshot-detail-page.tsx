import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useMemo, type ComponentType } from 'react';
import type { ClusterInfo } from '@dws-console/shared';
import { Link, useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { CopyField } from '../../../components/copy-field.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useSnapshotQuery } from '../api/get-snapshot.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSnapshotsT } from '../messages.ts';
import { formatSnapshotSize } from './snapshot-size.ts';
import type { ZoneFieldProps } from './restore-snapshot-dialog.tsx';
import { SnapshotActions } from './snapshot-actions.tsx';

export interface SnapshotDetailPageProps {
  snapshotId: string;
  /** The project's clusters, from the clusters feature: the source's name and the defaults of a restore. */
  clusters: ClusterInfo[];
  zoneField: ComponentType<ZoneFieldProps>;
  onRestored: (clusterId: string) => void;
}

export function SnapshotDetailPage({ snapshotId, clusters, zoneField, onRestored }: SnapshotDetailPageProps) {
  const t = useSnapshotsT();
  const { format } = useI18n();
  const date = format.dateTime;
  const query = useSnapshotQuery(snapshotId);
  const navigate = useNavigate();
  const clustersById = useMemo(() => new Map(clusters.map((c) => [c.id, c])), [clusters]);
  const s = query.data;
  return (
    <Card
      title={
        <Space>
          <Link to="/snapshots" aria-label={t('back')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {s?.name ?? snapshotId}
          </Typography.Title>
        </Space>
      }
    >
      {query.error && <ApiErrorAlert error={query.error} />}
      {!s && !query.error && <Skeleton active />}
      {s && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('id')}>
              <CopyField value={s.id} label={t('id')} isCode={false} />
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <StatusBadge status={s.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cluster')}>
              {s.cluster_id ? (
                <Link to={`/clusters/${s.cluster_id}`}>
                  {clustersById.get(s.cluster_id)?.name ?? s.cluster_id}
                </Link>
              ) : (
                '-'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('type')}>
              {s.type === 'MANUAL' || s.type === 'AUTO' ? t(`type.${s.type}`) : (s.type ?? '-')}
            </Descriptions.Item>
            <Descriptions.Item label={t('size')}>{formatSnapshotSize(s.size, format)}</Descriptions.Item>
            <Descriptions.Item label={t('description')}>{s.description || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('started')}>{date(s.started)}</Descriptions.Item>
            <Descriptions.Item label={t('finished')}>{date(s.finished)}</Descriptions.Item>
          </Descriptions>
          <SnapshotActions
            snapshot={s}
            clusters={clustersById}
            zoneField={zoneField}
            onRestored={onRestored}
            onDeleted={() => void navigate('/snapshots')}
          />
        </Space>
      )}
    </Card>
  );
}
