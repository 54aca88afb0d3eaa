import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useMemo, useState, type ComponentType } from 'react';
import type { ClusterInfo } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { useSnapshotsQuery } from '../api/get-snapshots.ts';
import { useSnapshotsT } from '../messages.ts';
import { CreateSnapshotDialog } from './create-snapshot-dialog.tsx';
import type { ZoneFieldProps } from './restore-snapshot-dialog.tsx';
import { SnapshotsTable } from './snapshots-table.tsx';

export interface SnapshotsPageProps {
  /** The project's clusters, from the clusters feature: names, choices for a new snapshot, restore defaults. */
  clusters: ClusterInfo[];
  zoneField: ComponentType<ZoneFieldProps>;
  onRestored: (clusterId: string) => void;
}

export function SnapshotsPage({ clusters, zoneField, onRestored }: SnapshotsPageProps) {
  const t = useSnapshotsT();
  const query = useSnapshotsQuery();
  const [isCreating, setIsCreating] = useState(false);
  const clustersById = useMemo(() => new Map(clusters.map((c) => [c.id, c])), [clusters]);
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
            {t('refresh')}
          </Button>
          <PermissionButton
            action="snapshot.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setIsCreating(true)}
          >
            {t('create')}
          </PermissionButton>
        </Space>
      </Flex>
      {query.error && <ApiErrorAlert error={query.error} style={{ marginBottom: 16 }} />}
      <SnapshotsTable
        snapshots={query.data}
        isLoading={query.isPending}
        clusters={clustersById}
        zoneField={zoneField}
        onRestored={onRestored}
      />
      <CreateSnapshotDialog isOpen={isCreating} onClose={() => setIsCreating(false)} clusters={clusters} />
    </Card>
  );
}
