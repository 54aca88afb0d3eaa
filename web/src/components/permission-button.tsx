import { LockOutlined } from '@ant-design/icons';
import { Button, Tooltip, type ButtonProps } from 'antd';
import type { ReactNode } from 'react';
import { consoleActions, isDenied } from '@dws-console/shared';
import { errorText } from '../lib/error-text.ts';
import { useI18n, useMessages, type Locale } from '../lib/i18n.tsx';
import {
  grantingRoles,
  operationOf,
  useDeniedPermissions,
  type PermissionAction,
} from '../lib/permissions.ts';
import { ApiError } from '../lib/api-client.ts';
import { useOptionalSessionScope, type SessionScopeValue } from '../lib/session-scope.tsx';

const messages = {
  'zh-CN': {
    missing: '无权限：你在项目 {project} 中没有“{right}”的权限。请联系管理员授予 {roles}。',
    'cluster.create': '创建集群',
    'cluster.delete': '删除集群',
    'cluster.restart': '重启集群',
    'cluster.resize': '扩容集群',
    'cluster.resetPassword': '重置集群密码',
    'snapshot.create': '创建快照',
    'snapshot.delete': '删除快照',
    'snapshot.restore': '恢复快照',
    'traces.list': '查看操作日志',
  },
  en: {
    missing: 'No permission: you may not {right} in project {project}. Ask your administrator for {roles}.',
    'cluster.create': 'create clusters',
    'cluster.delete': 'delete clusters',
    'cluster.restart': 'restart clusters',
    'cluster.resize': 'scale out clusters',
    'cluster.resetPassword': 'reset cluster passwords',
    'snapshot.create': 'create snapshots',
    'snapshot.delete': 'delete snapshots',
    'snapshot.restore': 'restore snapshots',
    'traces.list': 'read the operations log',
  },
} satisfies Record<Locale, Record<PermissionAction | 'missing', string>>;

/**
 * Why the user may not do an action, in the console's language, naming the missing right and the roles that
 * grant it; undefined while the action is believed allowed. `explicit` serves what is drawn outside a page's
 * scope (the shell's menu).
 */
export function usePermissionRefusal(
  explicit?: SessionScopeValue,
): (action: PermissionAction) => string | undefined {
  const { locale } = useI18n();
  const t = useMessages(messages);
  const contextual = useOptionalSessionScope();
  const scope = explicit ?? contextual;
  const denied = useDeniedPermissions();
  return (action) => {
    const operation = operationOf[action];
    if (scope && isDenied(scope.rights, operation)) {
      const roles = grantingRoles(locale, consoleActions[operation]);
      return t('missing', { project: scope.project.name, right: t(action), roles });
    }
    const refused = denied.get(action);
    if (!refused) return undefined;
    const error = new ApiError(403, refused.code, refused.message, refused.requestId);
    return `${errorText(error, locale).message} (${refused.code})`;
  };
}

export interface PermissionButtonProps extends ButtonProps {
  action: PermissionAction;
}

/** A button that is off, saying which right is missing, when the session's rights or the service refuse its action. */
export function PermissionButton({ action, disabled, ...props }: PermissionButtonProps) {
  const refusal = usePermissionRefusal()(action);
  if (!refusal) return <Button disabled={disabled} {...props} />;
  return (
    <Tooltip title={refusal}>
      <Button {...props} disabled aria-description={refusal} />
    </Tooltip>
  );
}

export interface PermissionLabelProps {
  action: PermissionAction;
  scope: SessionScopeValue;
  children: ReactNode;
}

/** A menu entry's label that says, with a lock and the refusal on hover, when the user may not use what it opens. */
export function PermissionLabel({ action, scope, children }: PermissionLabelProps) {
  const refusal = usePermissionRefusal(scope)(action);
  if (!refusal) return children;
  return (
    <Tooltip title={refusal} placement="right">
      <span aria-description={refusal}>
        {children} <LockOutlined />
      </span>
    </Tooltip>
  );
}
