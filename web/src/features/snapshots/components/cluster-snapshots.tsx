import { PlusOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import { useMemo, useState } from 'react';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { useSnapshotsQuery } from '../api/get-snapshots.ts';
import { useSnapshotsT } from '../messages.ts';
import { CreateSnapshotDialog } from './create-snapshot-dialog.tsx';
import { SnapshotsTable } from './snapshots-table.tsx';

export interface ClusterSnapshotsProps {
  clusterId: string;
  clusterName: string;
  onRestored: (clusterId: string) => void;
}

/** A cluster's own snapshots, shown on its page; the list call has no filter, so the filtering is ours. */
export function ClusterSnapshots({ clusterId, clusterName, onRestored }: ClusterSnapshotsProps) {
  const t = useSnapshotsT();
  const query = useSnapshotsQuery();
  const [isCreating, setIsCreating] = useState(false);
  const snapshots = useMemo(
    () => query.data?.filter((s) => s.cluster_id === clusterId),
    [query.data, clusterId],
  );
  const clusterNames = useMemo(() => new Map([[clusterId, clusterName]]), [clusterId, clusterName]);
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
        clusterNames={clusterNames}
        isClusterShown={false}
        onRestored={onRestored}
      />
      <CreateSnapshotDialog
        isOpen={isCreating}
        onClose={() => setIsCreating(false)}
        clusters={[{ id: clusterId, name: clusterName }]}
        clusterId={clusterId}
      />
    </>
  );
}
