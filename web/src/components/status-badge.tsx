import { Badge, Progress, Space, Typography } from 'antd';
import { hasMessage, useI18n } from '../lib/i18n.tsx';

const statusColors: Record<string, 'success' | 'processing' | 'error' | 'default' | 'warning'> = {
  AVAILABLE: 'success',
  ACTIVE: 'success',
  CREATING: 'processing',
  DELETING: 'processing',
  UNAVAILABLE: 'error',
  'CREATION FAILED': 'error',
  CREATE_FAILED: 'error',
  DELETE_FAILED: 'error',
  FAILED: 'error',
  FROZEN: 'warning',
};

/** `"45%"` or `"45"` as a number from 0 to 100; anything else is unknown. */
export function progressPercent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) ? Math.min(100, Math.max(0, parsed)) : undefined;
}

export interface StatusBadgeProps {
  status: string;
  /** `action_progress` of a cluster: the running task and how far it is. */
  actionProgress?: Record<string, string> | null;
  /**
   * `task_status` of a cluster: some tasks (REBOOTING) report no progress, and without it a restarting
   * cluster would read as plainly available.
   */
  taskStatus?: string | null;
}

/** A status in the user's language, with the progress of the running task when there is one. */
export function StatusBadge({ status, actionProgress, taskStatus }: StatusBadgeProps) {
  const { t } = useI18n();
  const statusKey = `status.${status}`;
  const label = hasMessage(statusKey) ? t(statusKey) : status;
  const runningTask = taskStatus?.endsWith('ING') ? taskStatus : undefined;
  const [task, progress] = Object.entries(actionProgress ?? {})[0] ?? [runningTask];
  const percent = progressPercent(progress);
  const color = task ? 'processing' : (statusColors[status] ?? 'default');
  return (
    <Space size={4} orientation="vertical" style={{ width: '100%' }}>
      <Badge status={color} text={label} />
      {task && (
        <Space size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hasMessage(`task.${task}`) ? t(`task.${task}` as never) : task}
          </Typography.Text>
          {percent !== undefined && (
            <Progress
              percent={percent}
              size="small"
              style={{ width: 90, margin: 0 }}
              aria-label={`${task} ${percent}%`}
            />
          )}
        </Space>
      )}
    </Space>
  );
}

/** A `task_status` in the user's language. */
export function useTaskLabel() {
  const { t } = useI18n();
  return (task: string | null | undefined) => {
    if (!task) return '';
    const key = `task.${task}`;
    return hasMessage(key) ? t(key) : task;
  };
}
