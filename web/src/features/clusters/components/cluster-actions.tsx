import { DeleteOutlined, ExpandAltOutlined, KeyOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  checkKeepLastManualSnapshot,
  checkNewPassword,
  checkScaleOutCount,
  nodeCountLimits,
  type ClusterDetail,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { ConfirmByTypingDialog } from '../../../components/confirm-by-typing-dialog.tsx';
import { PasswordChecklist } from '../../../components/password-checklist.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useDeleteClusterMutation } from '../api/delete-cluster.ts';
import { useResetPasswordMutation } from '../api/reset-password.ts';
import { useResizeClusterMutation } from '../api/resize-cluster.ts';
import { useRestartClusterMutation } from '../api/restart-cluster.ts';
import { useClustersT } from '../messages.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';

type Dialog = 'delete' | 'restart' | 'resize' | 'reset' | undefined;

export interface ClusterActionsProps {
  cluster: ClusterDetail;
}

/** Delete, restart, scale out and reset password, each behind its own confirmation. */
export function ClusterActions({ cluster }: ClusterActionsProps) {
  const t = useClustersT();
  const { locale, t: tCommon } = useI18n();
  const message = useMessageApi();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>();
  const [keep, setKeep] = useState<number | null>(0);
  const [resizeForm] = Form.useForm<{ count: number }>();
  const [resetForm] = Form.useForm<{ password: string; confirm: string }>();
  const newPassword = Form.useWatch('password', resetForm) ?? '';
  const remove = useDeleteClusterMutation();
  const restart = useRestartClusterMutation();
  const resize = useResizeClusterMutation();
  const reset = useResetPasswordMutation();
  const name = cluster.name;
  const close = () => {
    setDialog(undefined);
    for (const mutation of [remove, restart, resize, reset]) mutation.reset();
  };

  return (
    <>
      <Space wrap>
        <PermissionButton
          action="cluster.restart"
          icon={<PoweroffOutlined />}
          onClick={() => setDialog('restart')}
        >
          {t('action.restart')}
        </PermissionButton>
        <PermissionButton
          action="cluster.resize"
          icon={<ExpandAltOutlined />}
          onClick={() => setDialog('resize')}
        >
          {t('action.resize')}
        </PermissionButton>
        <PermissionButton
          action="cluster.resetPassword"
          icon={<KeyOutlined />}
          onClick={() => setDialog('reset')}
        >
          {t('action.resetPassword')}
        </PermissionButton>
        <PermissionButton
          action="cluster.delete"
          danger
          icon={<DeleteOutlined />}
          onClick={() => setDialog('delete')}
        >
          {t('action.delete')}
        </PermissionButton>
      </Space>

      <ConfirmByTypingDialog
        isOpen={dialog === 'delete'}
        title={t('delete.title', { name })}
        expected={name}
        okText={t('action.delete')}
        isPending={remove.isPending}
        onCancel={close}
        onConfirm={() => {
          if (checkKeepLastManualSnapshot(keep)) return;
          remove.mutate(
            { id: cluster.id, keepLastManualSnapshot: keep ?? 0 },
            {
              onSuccess: () => {
                void message.success(t('delete.done', { name }));
                close();
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
            htmlFor="keep-last-manual-snapshot"
            validateStatus={checkKeepLastManualSnapshot(keep) ? 'error' : undefined}
          >
            <InputNumber
              id="keep-last-manual-snapshot"
              min={0}
              precision={0}
              value={keep}
              onChange={setKeep}
            />
          </Form.Item>
        </Form>
        {remove.error && <ApiErrorAlert error={remove.error} style={{ marginBottom: 12 }} />}
      </ConfirmByTypingDialog>

      <Modal
        open={dialog === 'restart'}
        title={t('restart.title', { name })}
        okText={t('action.restart')}
        cancelText={tCommon('common.cancel')}
        okButtonProps={{ loading: restart.isPending }}
        onCancel={close}
        onOk={() =>
          restart.mutate(cluster.id, {
            onSuccess: () => {
              void message.success(t('restart.done', { name }));
              close();
            },
          })
        }
      >
        <Typography.Paragraph>{t('restart.body')}</Typography.Paragraph>
        {restart.error && <ApiErrorAlert error={restart.error} />}
      </Modal>

      <Modal
        open={dialog === 'resize'}
        title={t('resize.title', { name })}
        okText={t('action.resize')}
        cancelText={tCommon('common.cancel')}
        okButtonProps={{ loading: resize.isPending, htmlType: 'submit', form: 'resize-form' }}
        onCancel={close}
        destroyOnHidden
      >
        <Form
          id="resize-form"
          form={resizeForm}
          layout="vertical"
          initialValues={{ count: 1 }}
          onFinish={({ count }) =>
            resize.mutate(
              { id: cluster.id, count },
              {
                onSuccess: () => {
                  void message.success(t('resize.done', { name }));
                  close();
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
              autoFocus
            />
          </Form.Item>
        </Form>
        {resize.error && <ApiErrorAlert error={resize.error} />}
      </Modal>

      <Modal
        open={dialog === 'reset'}
        title={t('reset.title', { name })}
        okText={t('action.resetPassword')}
        cancelText={tCommon('common.cancel')}
        okButtonProps={{ loading: reset.isPending, htmlType: 'submit', form: 'reset-form' }}
        onCancel={close}
        destroyOnHidden
      >
        <Form
          id="reset-form"
          form={resetForm}
          layout="vertical"
          onFinish={({ password }) =>
            reset.mutate(
              { id: cluster.id, newPassword: password },
              {
                onSuccess: () => {
                  void message.success(t('reset.done'));
                  close();
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
            <Input.Password autoComplete="new-password" autoFocus />
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
    </>
  );
}
