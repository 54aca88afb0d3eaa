import {
  CameraOutlined,
  DeleteOutlined,
  DownOutlined,
  ExpandAltOutlined,
  LockOutlined,
  PoweroffOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Space, Tooltip, type ButtonProps } from 'antd';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  actionAllowed,
  clusterActions,
  type ActionSubject,
  type ClusterAction,
  type ClusterInfo,
} from '@dws-console/shared';
import { usePermissionRefusal } from '../../../components/permission-button.tsx';
import { hasMessage, useI18n } from '../../../lib/i18n.tsx';
import type { PermissionAction } from '../../../lib/permissions.ts';
import { useTaskLabel } from '../../../components/status-badge.tsx';
import { useClustersT } from '../messages.ts';
import type { ClusterDialog } from './cluster-action-dialog.tsx';

/** The dialogs' code, fetched when the browser is idle after a list has shown, or when one is first opened. */
export const loadClusterActionDialog = () => import('./cluster-action-dialog.tsx');
const ClusterActionDialog = lazy(() =>
  loadClusterActionDialog().then((module) => ({ default: module.ClusterActionDialog })),
);

const permissionOf: Record<ClusterAction, PermissionAction> = {
  restart: 'cluster.restart',
  resize: 'cluster.resize',
  resetPassword: 'cluster.resetPassword',
  snapshot: 'snapshot.create',
  delete: 'cluster.delete',
};

/**
 * Why `action` cannot start now, in the console's language; undefined when it can. A missing right is said first:
 * waiting for the cluster would not help.
 */
function useRefusal() {
  const t = useClustersT();
  const { t: tCommon } = useI18n();
  const taskLabel = useTaskLabel();
  const permissionRefusal = usePermissionRefusal();
  return (action: ClusterAction, cluster: ActionSubject): string | undefined => {
    const missing = permissionRefusal(permissionOf[action]);
    if (missing) return missing;
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
      <Button onClick={onClick} {...props}>
        {children}
      </Button>
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
  const refusal = useRefusal();
  const [dialog, setDialog] = useState<{ name: ClusterDialog; isOpen: boolean }>();
  const moreButton = useRef<HTMLButtonElement>(null);
  const name = cluster.name;
  const show = (dialog: ClusterDialog) => () => setDialog({ name: dialog, isOpen: true });
  const open: Record<ClusterAction, () => void> = {
    restart: show('restart'),
    resize: show('resize'),
    resetPassword: show('reset'),
    snapshot: () => onSnapshot?.(cluster),
    delete: show('delete'),
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
    // antd's key icon reads as a magnifier at button size.
    resetPassword: <LockOutlined />,
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
          {/* The cluster page scrolls to its monitoring card for this hash. */}
          <Link to={`/clusters/${cluster.id}#monitoring`} style={{ paddingInline: 7 }}>
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

      {dialog && (
        <Suspense>
          <ClusterActionDialog
            dialog={dialog.name}
            cluster={cluster}
            isOpen={dialog.isOpen}
            onClose={() => setDialog({ ...dialog, isOpen: false })}
            afterClose={() => setDialog(undefined)}
          />
        </Suspense>
      )}
    </>
  );
}
