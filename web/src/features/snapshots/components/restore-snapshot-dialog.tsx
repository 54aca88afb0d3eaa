import { Form, Input, InputNumber, Modal } from 'antd';
import { checkClusterName, checkPort, portLimits, type Snapshot } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useRestoreSnapshotMutation } from '../api/restore-snapshot.ts';
import { useSnapshotsT } from '../messages.ts';

export interface RestoreSnapshotDialogProps {
  snapshot: Snapshot | undefined;
  onClose: () => void;
  /** Called with the new cluster's id once the service accepted the restore. */
  onRestored: (clusterId: string) => void;
}

interface Values {
  name: string;
  port?: number | null;
}

export function RestoreSnapshotDialog({ snapshot, onClose, onRestored }: RestoreSnapshotDialogProps) {
  const t = useSnapshotsT();
  const { locale, t: tCommon } = useI18n();
  const restore = useRestoreSnapshotMutation();
  const close = () => {
    restore.reset();
    onClose();
  };
  return (
    <Modal
      open={snapshot !== undefined}
      title={t('restore.title', { name: snapshot?.name ?? '' })}
      okText={t('restore')}
      cancelText={tCommon('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'restore-snapshot-form', loading: restore.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values>
        id="restore-snapshot-form"
        layout="vertical"
        onFinish={(values) => {
          if (!snapshot) return;
          restore.mutate(
            {
              id: snapshot.id,
              restore: { name: values.name, port: values.port ?? undefined, public_ip: undefined },
            },
            {
              onSuccess: (clusterId) => {
                close();
                onRestored(clusterId);
              },
            },
          );
        }}
      >
        <Form.Item name="name" label={t('restore.name')} rules={[ruleValidator(checkClusterName, locale)]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="port"
          label={t('restore.port')}
          extra={t('restore.portHint')}
          rules={[ruleValidator((v) => (v === undefined || v === null ? undefined : checkPort(v)), locale)]}
        >
          <InputNumber min={portLimits.min} max={portLimits.max} precision={0} />
        </Form.Item>
      </Form>
      {restore.error && <ApiErrorAlert error={restore.error} />}
    </Modal>
  );
}
