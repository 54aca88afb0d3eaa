import { Form, Input, InputNumber, Modal, Typography, type InputRef } from 'antd';
import { useRef, useState, type ComponentRef } from 'react';
import { useNavigate } from 'react-router';
import {
  checkKeepLastManualSnapshot,
  checkNewPassword,
  checkScaleOutCount,
  nodeCountLimits,
  type ClusterInfo,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { ConfirmByTypingDialog } from '../../../components/confirm-by-typing-dialog.tsx';
import { PasswordChecklist } from '../../../components/password-checklist.tsx';
import { focusWhenOpen } from '../../../lib/focus-when-open.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useDeleteClusterMutation } from '../api/delete-cluster.ts';
import { useResetPasswordMutation } from '../api/reset-password.ts';
import { useResizeClusterMutation } from '../api/resize-cluster.ts';
import { useRestartClusterMutation } from '../api/restart-cluster.ts';
import { useClustersT } from '../messages.ts';

export type ClusterDialog = 'delete' | 'restart' | 'resize' | 'reset';

export interface ClusterActionDialogProps {
  dialog: ClusterDialog;
  cluster: ClusterInfo;
  isOpen: boolean;
  /** Asks the dialog to close: it plays its closing motion, then calls `afterClose`. */
  onClose: () => void;
  /** The dialog has closed and given the focus back; it may be unmounted now. */
  afterClose: () => void;
}

type DialogProps = Omit<ClusterActionDialogProps, 'dialog'>;

/**
 * One operation's confirmation, mounted while it is open: a list of many clusters renders none of them, and
 * their code loads when the first one is asked for.
 */
export function ClusterActionDialog({ dialog, ...props }: ClusterActionDialogProps) {
  switch (dialog) {
    case 'delete':
      return <DeleteDialog {...props} />;
    case 'restart':
      return <RestartDialog {...props} />;
    case 'resize':
      return <ResizeDialog {...props} />;
    case 'reset':
      return <ResetPasswordDialog {...props} />;
  }
}

function DeleteDialog({ cluster, isOpen, onClose, afterClose }: DialogProps) {
  const t = useClustersT();
  const message = useMessageApi();
  const navigate = useNavigate();
  const remove = useDeleteClusterMutation();
  const [keep, setKeep] = useState<number | null>(0);
  const name = cluster.name;
  return (
    <ConfirmByTypingDialog
      isOpen={isOpen}
      title={t('delete.title', { name })}
      expected={name}
      okText={t('action.delete')}
      isPending={remove.isPending}
      onCancel={onClose}
      afterClose={afterClose}
      onConfirm={() => {
        if (checkKeepLastManualSnapshot(keep)) return;
        remove.mutate(
          { id: cluster.id, keepLastManualSnapshot: keep ?? 0 },
          {
            onSuccess: () => {
              void message.success(t('delete.done', { name }));
              onClose();
              void navigate('/clusters');
            },
          },
        );
      }}
    >
      <Typography.Paragraph type="danger">{t('delete.warning')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t('delete.keep')}
          extra={t('delete.keepHint')}
          htmlFor="keep-last-manual-snapshot"
          validateStatus={checkKeepLastManualSnapshot(keep) ? 'error' : undefined}
        >
          <InputNumber id="keep-last-manual-snapshot" min={0} precision={0} value={keep} onChange={setKeep} />
        </Form.Item>
      </Form>
      {remove.error && <ApiErrorAlert error={remove.error} style={{ marginBottom: 12 }} />}
    </ConfirmByTypingDialog>
  );
}

function RestartDialog({ cluster, isOpen, onClose, afterClose }: DialogProps) {
  const t = useClustersT();
  const { t: tCommon } = useI18n();
  const message = useMessageApi();
  const restart = useRestartClusterMutation();
  const name = cluster.name;
  return (
    <Modal
      open={isOpen}
      title={t('restart.title', { name })}
      okText={t('action.restart')}
      cancelText={tCommon('common.cancel')}
      okButtonProps={{ loading: restart.isPending }}
      onCancel={onClose}
      afterClose={afterClose}
      onOk={() =>
        restart.mutate(cluster.id, {
          onSuccess: () => {
            void message.success(t('restart.done', { name }));
            onClose();
          },
        })
      }
    >
      <Typography.Paragraph>{t('restart.body')}</Typography.Paragraph>
      {restart.error && <ApiErrorAlert error={restart.error} />}
    </Modal>
  );
}

function ResizeDialog({ cluster, isOpen, onClose, afterClose }: DialogProps) {
  const t = useClustersT();
  const { locale, t: tCommon } = useI18n();
  const message = useMessageApi();
  const resize = useResizeClusterMutation();
  const countField = useRef<ComponentRef<typeof InputNumber>>(null);
  const name = cluster.name;
  return (
    <Modal
      open={isOpen}
      title={t('resize.title', { name })}
      okText={t('action.resize')}
      cancelText={tCommon('common.cancel')}
      okButtonProps={{ loading: resize.isPending, htmlType: 'submit', form: 'resize-form' }}
      onCancel={onClose}
      afterClose={afterClose}
      afterOpenChange={(open) => focusWhenOpen(countField, open)}
    >
      <Form
        id="resize-form"
        layout="vertical"
        initialValues={{ count: 1 }}
        onFinish={({ count }: { count: number }) =>
          resize.mutate(
            { id: cluster.id, count },
            {
              onSuccess: () => {
                void message.success(t('resize.done', { name }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="count"
          label={t('resize.count')}
          extra={t('resize.current', { count: cluster.number_of_node ?? '-' })}
          rules={[ruleValidator(checkScaleOutCount, locale)]}
        >
          <InputNumber
            min={1}
            max={nodeCountLimits.max - (cluster.number_of_node ?? 0)}
            precision={0}
            ref={countField}
          />
        </Form.Item>
      </Form>
      {resize.error && <ApiErrorAlert error={resize.error} />}
    </Modal>
  );
}

function ResetPasswordDialog({ cluster, isOpen, onClose, afterClose }: DialogProps) {
  const t = useClustersT();
  const { locale, t: tCommon } = useI18n();
  const message = useMessageApi();
  const reset = useResetPasswordMutation();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const newPassword = Form.useWatch('password', form) ?? '';
  const passwordField = useRef<InputRef>(null);
  return (
    <Modal
      open={isOpen}
      title={t('reset.title', { name: cluster.name })}
      okText={t('action.resetPassword')}
      cancelText={tCommon('common.cancel')}
      okButtonProps={{ loading: reset.isPending, htmlType: 'submit', form: 'reset-form' }}
      onCancel={onClose}
      afterClose={afterClose}
      afterOpenChange={(open) => focusWhenOpen(passwordField, open)}
    >
      <Form
        id="reset-form"
        form={form}
        layout="vertical"
        onFinish={({ password }) =>
          reset.mutate(
            { id: cluster.id, newPassword: password },
            {
              onSuccess: () => {
                void message.success(t('reset.done'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('reset.password')}
          rules={[ruleValidator((v) => checkNewPassword(v, cluster.user_name), locale)]}
        >
          <Input.Password autoComplete="new-password" ref={passwordField} />
        </Form.Item>
        <PasswordChecklist password={newPassword} userName={cluster.user_name} isReset />
        <Form.Item
          name="confirm"
          label={t('reset.confirm')}
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reset.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {reset.error && <ApiErrorAlert error={reset.error} />}
    </Modal>
  );
}
