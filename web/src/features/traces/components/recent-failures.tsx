import { Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../components/api-error-alert.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { useTracesQuery } from '../api/get-traces.ts';
import { useTracesT } from '../messages.ts';
import { isTracesForbidden } from './traces-forbidden.tsx';
import { ResourceLink, TraceStatus, useOperationName } from './traces-table.tsx';

const shown = 5;

/** The overview's last refused (warning) and failed (incident) operations, newest first. */
export function RecentFailures() {
  const t = useTracesT();
  const { format } = useI18n();
  const operationName = useOperationName();
  const warnings = useTracesQuery({ range: '7d', status: 'warning' }, shown);
  const incidents = useTracesQuery({ range: '7d', status: 'incident' }, shown);
  const error = warnings.error ?? incidents.error;
  if (isTracesForbidden(error)) return <Typography.Text type="secondary">{t('forbidden')}</Typography.Text>;
  if (error) return <ApiErrorAlert error={error} />;
  if (!warnings.data || !incidents.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const traces = [...(warnings.data.pages[0]?.traces ?? []), ...(incidents.data.pages[0]?.traces ?? [])]
    .sort((a, b) => b.time - a.time)
    .slice(0, shown);
  if (traces.length === 0) return <Typography.Text type="secondary">{t('noFailures')}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {traces.map((trace) => (
        <Flex key={trace.trace_id} justify="space-between" gap={8} wrap>
          <span>
            <TraceStatus rating={trace.trace_rating} /> {operationName(trace.trace_name)} ·{' '}
            <ResourceLink trace={trace} /> · {trace.user.name}
          </span>
          <Typography.Text type="secondary">
            {format.dateTime(new Date(trace.time).toISOString())}
          </Typography.Text>
        </Flex>
      ))}
      <Link to="/operations-log?status=warning">{t('title')}</Link>
    </Flex>
  );
}
