import { Space, Tooltip } from 'antd';
import { useState, type ComponentType } from 'react';
import type { ClusterInfo, Snapshot } from '@dws-console/shared';
import { ConfirmByTypingDialog } from '../../../components/confirm-by-typing-dialog.tsx';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { useDeleteSnapshotMutation } from '../api/delete-snapshot.ts';
import { useSnapshotsT } from '../messages.ts';
import { RestoreSnapshotDialog, type ZoneFieldProps } from './restore-snapshot-dialog.tsx';
import { useMessageApi } from '../../../lib/message-api.tsx';

export interface SnapshotActionsProps {
  snapshot: Snapshot;
  /** The project's clusters by id, from the clusters feature: the defaults of a restore. */
  clusters: Map<string, ClusterInfo>;
  zoneField: ComponentType<ZoneFieldProps>;
  onRestored: (clusterId: string) => void;
  onDeleted?: () => void;
}

/** Restore and delete of one snapshot, the same in the list and on the snapshot's page. */
export function SnapshotActions({
  snapshot: s,
  clusters,
  zoneField,
  onRestored,
  onDeleted,
}: SnapshotActionsProps) {
  const t = useSnapshotsT();
  const message = useMessageApi();
  const [isDeleting, setDeleting] = useState(false);
  const [isRestoring, setRestoring] = useState(false);
  const remove = useDeleteSnapshotMutation();
  return (
    <>
      <Space>
        <PermissionButton
          action="snapshot.restore"
          size="small"
          disabled={s.status !== 'AVAILABLE'}
          onClick={() => setRestoring(true)}
        >
          {t('restore')}
        </PermissionButton>
        {s.type === 'AUTO' ? (
          <Tooltip title={t('delete.manualOnly')}>
            <PermissionButton action="snapshot.delete" size="small" danger disabled>
              {t('delete')}
            </PermissionButton>
          </Tooltip>
        ) : (
          <PermissionButton action="snapshot.delete" size="small" danger onClick={() => setDeleting(true)}>
            {t('delete')}
          </PermissionButton>
        )}
      </Space>
      <ConfirmByTypingDialog
        isOpen={isDeleting}
        title={t('delete.title', { name: s.name })}
        expected={s.name}
        okText={t('delete')}
        isPending={remove.isPending}
        onCancel={() => {
          remove.reset();
          setDeleting(false);
        }}
        onConfirm={() => {
          remove.mutate(s.id, {
            onSuccess: () => {
              void message.success(t('delete.done', { name: s.name }));
              setDeleting(false);
              onDeleted?.();
            },
          });
        }}
      >
        <p>{t('delete.warning')}</p>
        {remove.error && <ApiErrorAlert error={remove.error} style={{ marginBottom: 12 }} />}
      </ConfirmByTypingDialog>
      <RestoreSnapshotDialog
        snapshot={isRestoring ? s : undefined}
        source={s.cluster_id ? clusters.get(s.cluster_id) : undefined}
        zoneField={zoneField}
        onClose={() => setRestoring(false)}
        onRestored={onRestored}
      />
    </>
  );
}
