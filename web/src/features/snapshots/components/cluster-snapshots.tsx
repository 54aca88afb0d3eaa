import { PlusOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import { useMemo, useState, type ComponentType } from 'react';
import type { ClusterInfo } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { useSnapshotsQuery } from '../api/get-snapshots.ts';
import { useSnapshotsT } from '../messages.ts';
import { CreateSnapshotDialog } from './create-snapshot-dialog.tsx';
import type { ZoneFieldProps } from './restore-snapshot-dialog.tsx';
import { SnapshotsTable } from './snapshots-table.tsx';

export interface ClusterSnapshotsProps {
  /** From the clusters feature: the page's cluster, whose settings are the defaults of a restore. */
  cluster: ClusterInfo;
  zoneField: ComponentType<ZoneFieldProps>;
  onRestored: (clusterId: string) => void;
}

/** A cluster's own snapshots, shown on its page; the list call has no filter, so the filtering is ours. */
export function ClusterSnapshots({ cluster, zoneField, onRestored }: ClusterSnapshotsProps) {
  const t = useSnapshotsT();
  const query = useSnapshotsQuery();
  const [isCreating, setIsCreating] = useState(false);
  const snapshots = useMemo(
    () => query.data?.filter((s) => s.cluster_id === cluster.id),
    [query.data, cluster.id],
  );
  const clusters = useMemo(() => new Map([[cluster.id, cluster]]), [cluster]);
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <PermissionButton
          action="snapshot.create"
          icon={<PlusOutlined />}
          onClick={() => setIsCreating(true)}
        >
          {t('create')}
        </PermissionButton>
      </Flex>
      {query.error && <ApiErrorAlert error={query.error} style={{ marginBottom: 12 }} />}
      <SnapshotsTable
        snapshots={snapshots}
        isLoading={query.isPending}
        clusters={clusters}
        isClusterShown={false}
        zoneField={zoneField}
        onRestored={onRestored}
      />
      <CreateSnapshotDialog
        isOpen={isCreating}
        onClose={() => setIsCreating(false)}
        clusters={[cluster]}
        clusterId={cluster.id}
      />
    </>
  );
}
