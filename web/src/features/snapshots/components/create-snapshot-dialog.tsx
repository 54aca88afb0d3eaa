import { useRef } from 'react';
import { Form, Input, Modal, Select, type InputRef } from 'antd';
import { checkSnapshotDescription, checkSnapshotName } from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useCreateSnapshotMutation } from '../api/create-snapshot.ts';
import { useSnapshotsT } from '../messages.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { focusWhenOpen } from '../../../lib/focus-when-open.ts';

export interface ClusterOption {
  id: string;
  name: string;
}

export interface CreateSnapshotDialogProps {
  isOpen: boolean;
  onClose: () => void;
  clusters: ClusterOption[];
  /** From a cluster's page the cluster is given and not asked for. */
  clusterId?: string;
}

interface Values {
  cluster_id: string;
  name: string;
  description?: string;
}

export function CreateSnapshotDialog({ isOpen, onClose, clusters, clusterId }: CreateSnapshotDialogProps) {
  const t = useSnapshotsT();
  const { locale, t: tCommon } = useI18n();
  const message = useMessageApi();
  const create = useCreateSnapshotMutation();
  const nameField = useRef<InputRef>(null);
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={isOpen}
      title={t('create.title')}
      okText={t('create')}
      cancelText={tCommon('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'create-snapshot-form', loading: create.isPending }}
      onCancel={close}
      afterOpenChange={(open) => focusWhenOpen(nameField, open)}
      destroyOnHidden
    >
      <Form<Values>
        id="create-snapshot-form"
        layout="vertical"
        initialValues={{ cluster_id: clusterId }}
        onFinish={(values) =>
          create.mutate(
            {
              cluster_id: values.cluster_id,
              name: values.name,
              description: values.description ? values.description : undefined,
            },
            {
              onSuccess: () => {
                void message.success(t('create.done', { name: values.name }));
                close();
              },
            },
          )
        }
      >
        <Form.Item
          name="cluster_id"
          label={t('create.cluster')}
          hidden={clusterId !== undefined}
          rules={[{ required: true, message: t('create.clusterRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={clusters.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[ruleValidator(checkSnapshotName, locale)]}>
          <Input ref={nameField} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('description')}
          rules={[ruleValidator((v) => (v === undefined ? undefined : checkSnapshotDescription(v)), locale)]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {create.error && <ApiErrorAlert error={create.error} />}
    </Modal>
  );
}
