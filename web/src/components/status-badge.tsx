import { Space } from 'antd';
import { lazy, Suspense } from 'react';
import { hasMessage, useI18n } from '../lib/i18n.tsx';
import { PlainText, useAntdClass } from './plain-typography.tsx';

// A bar shows only while a task runs, in few rows of a list: its code loads with the first one.
const Progress = lazy(() => import('antd/es/progress'));

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
  /** `sub_status` of a cluster: shown when it is not NORMAL (e.g. read-only, degraded). */
  subStatus?: string | null;
  /** `action_progress` of a cluster: the running task and how far it is. */
  actionProgress?: Record<string, string> | null;
  /**
   * `task_status` of a cluster: some tasks (REBOOTING) report no progress, and without it a restarting
   * cluster would read as plainly available.
   */
  taskStatus?: string | null;
}

const nowrap = { whiteSpace: 'nowrap' } as const;

/** antd's status dot size: the Badge's own token, which the stylesheet reads from a variable only Badge writes. */
const dotSize = { width: 6, height: 6 } as const;

/**
 * antd's `Badge status` as its prebuilt stylesheet draws it, without the Badge's code (its counting numbers and
 * ribbon, 4 KiB gzipped, in every list's status column).
 */
function StatusDot({ status, text }: { status: string; text: string }) {
  const cls = useAntdClass('badge');
  return (
    <span className={`${cls} ${cls}-status`}>
      <span className={`${cls}-status-dot ${cls}-status-${status}`} style={dotSize} />
      <span className={`${cls}-status-text`} style={nowrap}>
        {text}
      </span>
    </span>
  );
}

/** A status in the user's language, with the sub-status and the progress of the running task when there is one. */
export function StatusBadge({ status, subStatus, actionProgress, taskStatus }: StatusBadgeProps) {
  const { t } = useI18n();
  const subStatusLabel = useSubStatusLabel();
  const statusKey = `status.${status}`;
  const label = hasMessage(statusKey) ? t(statusKey) : status;
  const task = taskOf(actionProgress, taskStatus);
  const color = task ? 'processing' : (statusColors[status] ?? 'default');
  const subStatusText = subStatus && subStatus !== 'NORMAL' ? subStatusLabel(subStatus) : undefined;
  return (
    <Space size={2} orientation="vertical" style={{ width: '100%' }}>
      <StatusDot status={color} text={label} />
      {subStatusText && (
        <PlainText type="warning" style={{ fontSize: 12, ...nowrap }}>
          {subStatusText}
        </PlainText>
      )}
      {/* The task's name is left out when it only repeats the status (a CREATING cluster's CREATING task). */}
      {task && (
        <TaskProgress actionProgress={actionProgress} taskStatus={taskStatus} isNameShown={task !== status} />
      )}
    </Space>
  );
}

/** The running task: from `action_progress` when it reports one, else a `task_status` still in progress. */
function taskOf(
  actionProgress: Record<string, string> | null | undefined,
  taskStatus: string | null | undefined,
) {
  const runningTask = taskStatus?.endsWith('ING') ? taskStatus : undefined;
  return Object.keys(actionProgress ?? {})[0] ?? runningTask;
}

export interface TaskProgressProps {
  actionProgress?: Record<string, string> | null;
  taskStatus?: string | null;
  isNameShown?: boolean;
}

/** The running task in the user's language and its progress bar; nothing when no task runs. */
export function TaskProgress({ actionProgress, taskStatus, isNameShown = true }: TaskProgressProps) {
  const taskLabel = useTaskLabel();
  const task = taskOf(actionProgress, taskStatus);
  if (!task) return null;
  const percent = progressPercent(actionProgress?.[task]);
  return (
    <Space size={4} style={nowrap}>
      {isNameShown && (
        <PlainText type="secondary" style={{ fontSize: 12, ...nowrap }}>
          {taskLabel(task)}
        </PlainText>
      )}
      {percent !== undefined && (
        <Suspense fallback={<span style={{ display: 'inline-block', width: 80 }} />}>
          <Progress
            percent={percent}
            size="small"
            style={{ width: 80, margin: 0 }}
            aria-label={`${taskLabel(task)} ${percent}%`}
          />
        </Suspense>
      )}
    </Space>
  );
}

/** A `task_status` (or an `action_progress` key) in the user's language. */
export function useTaskLabel() {
  const { t } = useI18n();
  return (task: string | null | undefined) => {
    if (!task) return '';
    const key = `task.${task}`;
    return hasMessage(key) ? t(key) : task;
  };
}

/** A `sub_status` in the user's language; combined values (`DEGRADED | READONLY`) are translated part by part. */
export function useSubStatusLabel() {
  const { t, locale } = useI18n();
  return (subStatus: string) =>
    subStatus
      .split('|')
      .map((part) => {
        const key = `subStatus.${part.trim()}`;
        return hasMessage(key) ? t(key) : part.trim();
      })
      .join(locale === 'en' ? ', ' : '、');
}
