import {
  CameraOutlined,
  DeleteOutlined,
  DownOutlined,
  ExpandAltOutlined,
  KeyOutlined,
  PoweroffOutlined,
} from '@ant-design/icons';
import {
  Button,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Tooltip,
  Typography,
  type ButtonProps,
  type InputRef,
} from 'antd';
import { useRef, useState, type ReactNode, type ComponentRef } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  actionAllowed,
  clusterActions,
  checkKeepLastManualSnapshot,
  checkNewPassword,
  checkScaleOutCount,
  nodeCountLimits,
  type ActionSubject,
  type ClusterAction,
  type ClusterInfo,
} from '@dws-console/shared';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { ConfirmByTypingDialog } from '../../../components/confirm-by-typing-dialog.tsx';
import { PasswordChecklist } from '../../../components/password-checklist.tsx';
import { PermissionButton } from '../../../components/permission-button.tsx';
import { hasMessage, useI18n } from '../../../lib/i18n.tsx';
import type { PermissionAction } from '../../../lib/permissions.ts';
import { useTaskLabel } from '../../../components/status-badge.tsx';
import { ruleValidator } from '../../../lib/rule-validator.ts';
import { useDeleteClusterMutation } from '../api/delete-cluster.ts';
import { useResetPasswordMutation } from '../api/reset-password.ts';
import { useResizeClusterMutation } from '../api/resize-cluster.ts';
import { useRestartClusterMutation } from '../api/restart-cluster.ts';
import { useClustersT } from '../messages.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { focusWhenOpen } from '../../../lib/focus-when-open.ts';

type Dialog = 'delete' | 'restart' | 'resize' | 'reset' | undefined;

const permissionOf: Record<ClusterAction, PermissionAction> = {
  restart: 'cluster.restart',
  resize: 'cluster.resize',
  resetPassword: 'cluster.resetPassword',
  snapshot: 'snapshot.create',
  delete: 'cluster.delete',
};

/** Why `action` cannot start now, in the console's language; undefined when it can. */
function useRefusal() {
  const t = useClustersT();
  const { t: tCommon } = useI18n();
  const taskLabel = useTaskLabel();
  return (action: ClusterAction, cluster: ActionSubject): string | undefined => {
    const verdict = actionAllowed(action, cluster);
    if (verdict.allowed) return undefined;
    if (verdict.reason === 'task-running') return t('refusal.taskRunning', { task: taskLabel(verdict.task) });
    const key = `status.${verdict.status}`;
    return t('refusal.status', { status: hasMessage(key) ? tCommon(key) : verdict.status });
  };
}

interface ActionButtonProps extends Omit<ButtonProps, 'onClick'> {
  action: ClusterAction;
  cluster: ActionSubject;
  onClick: () => void;
}

/** A button that is off, saying why in a tooltip, when the cluster's state or the user's rights forbid the action. */
function ActionButton({ action, cluster, onClick, children, ...props }: ActionButtonProps) {
  const refusal = useRefusal()(action, cluster);
  if (!refusal) {
    return (
      <PermissionButton action={permissionOf[action]} onClick={onClick} {...props}>
        {children}
      </PermissionButton>
    );
  }
  return (
    <Tooltip title={refusal}>
      <Button {...props} disabled aria-description={refusal}>
        {children}
      </Button>
    </Tooltip>
  );
}

export interface ClusterActionsProps {
  cluster: ClusterInfo;
  /** `buttons` on the cluster's page; `row` in a list: restart, then the others under "More". */
  layout?: 'buttons' | 'row';
  /** Opens the snapshot dialog, which belongs to the snapshots feature; without it there is no snapshot action. */
  onSnapshot?: (cluster: ClusterInfo) => void;
}

/** Restart, scale out, reset password, snapshot and delete, each behind its own confirmation. */
export function ClusterActions({ cluster, layout = 'buttons', onSnapshot }: ClusterActionsProps) {
  const t = useClustersT();
  const { locale, t: tCommon } = useI18n();
  const message = useMessageApi();
  const navigate = useNavigate();
  const refusal = useRefusal();
  const [dialog, setDialog] = useState<Dialog>();
  const moreButton = useRef<HTMLButtonElement>(null);
  const [keep, setKeep] = useState<number | null>(0);
  const [resizeForm] = Form.useForm<{ count: number }>();
  const [resetForm] = Form.useForm<{ password: string; confirm: string }>();
  const newPassword = Form.useWatch('password', resetForm) ?? '';
  const remove = useDeleteClusterMutation();
  const restart = useRestartClusterMutation();
  const resize = useResizeClusterMutation();
  const reset = useResetPasswordMutation();
  const countField = useRef<ComponentRef<typeof InputNumber>>(null);
  const passwordField = useRef<InputRef>(null);
  const name = cluster.name;
  const close = () => {
    setDialog(undefined);
    for (const mutation of [remove, restart, resize, reset]) mutation.reset();
  };
  const open: Record<ClusterAction, () => void> = {
    restart: () => setDialog('restart'),
    resize: () => setDialog('resize'),
    resetPassword: () => setDialog('reset'),
    snapshot: () => onSnapshot?.(cluster),
    delete: () => setDialog('delete'),
  };
  const labels: Record<ClusterAction, string> = {
    restart: t('action.restart'),
    resize: t('action.resize'),
    resetPassword: t('action.resetPassword'),
    snapshot: t('action.snapshot'),
    delete: t('action.delete'),
  };
  const icons: Record<ClusterAction, ReactNode> = {
    restart: <PoweroffOutlined />,
    resize: <ExpandAltOutlined />,
    resetPassword: <KeyOutlined />,
    snapshot: <CameraOutlined />,
    delete: <DeleteOutlined />,
  };
  const shown = clusterActions.filter((action) => action !== 'snapshot' || onSnapshot);

  return (
    <>
      {layout === 'buttons' ? (
        <Space wrap>
          {shown.map((action) => (
            <ActionButton
              key={action}
              action={action}
              cluster={cluster}
              icon={icons[action]}
              danger={action === 'delete'}
              onClick={open[action]}
            >
              {labels[action]}
            </ActionButton>
          ))}
        </Space>
      ) : (
        <Space size={0} style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/clusters/${cluster.id}`} style={{ paddingInline: 7 }}>
            {t('action.monitor')}
          </Link>
          <ActionButton action="restart" cluster={cluster} type="link" size="small" onClick={open.restart}>
            {labels.restart}
          </ActionButton>
          {/* Opened from the keyboard, the menu takes the focus, so the arrows move through its items at once. */}
          <Dropdown
            trigger={['click']}
            autoFocus
            // Escape closes the menu while one of its items has the focus: the focus goes back to the button.
            onOpenChange={(isOpen) => {
              if (!isOpen && document.activeElement?.closest('[role="menu"]')) moreButton.current?.focus();
            }}
            menu={{
              items: shown
                .filter((action) => action !== 'restart')
                .map((action) => {
                  const why = refusal(action, cluster);
                  return {
                    key: action,
                    danger: action === 'delete',
                    disabled: Boolean(why),
                    label: why ? (
                      <Tooltip title={why} placement="left">
                        <span aria-description={why}>{labels[action]}</span>
                      </Tooltip>
                    ) : (
                      labels[action]
                    ),
                  };
                }),
              onClick: ({ key }) => open[key as ClusterAction](),
            }}
          >
            <Button ref={moreButton} type="link" size="small" aria-label={t('action.moreOf', { name })}>
              {t('action.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      )}

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
        afterOpenChange={(open) => focusWhenOpen(countField, open)}
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
              ref={countField}
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
        afterOpenChange={(open) => focusWhenOpen(passwordField, open)}
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
    </>
  );
}
