import { Badge, Button, Table } from 'antd';
import { Link } from 'react-router';
import { tracedOperations, type TracedOperation, type Trace, type TraceRating } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useTracesT } from '../messages.ts';

// A dot beside ordinary text, as the cluster statuses: a coloured tag's text fails the contrast a warning needs.
const ratingBadges: Record<TraceRating, 'success' | 'warning' | 'error'> = {
  normal: 'success',
  warning: 'warning',
  incident: 'error',
};

export function TraceStatus({ rating }: { rating: TraceRating }) {
  const t = useTracesT();
  return <Badge status={ratingBadges[rating]} text={t(`status.${rating}`)} />;
}

const isTraced = (name: string): name is TracedOperation =>
  (tracedOperations as readonly string[]).includes(name);

/** The operation's name in the user's language; one the console does not know yet by CTS's own name. */
export function useOperationName() {
  const t = useTracesT();
  return (name: string) => (isTraced(name) ? t(`operation.${name}`) : name);
}

/** A cluster's or snapshot's page, when the trace names one that may still be there. */
export function ResourceLink({ trace }: { trace: Trace }) {
  const label = trace.resource_name || trace.resource_id;
  if (!trace.resource_id || trace.service_type !== 'DWS') return <>{label}</>;
  const base = trace.resource_type === 'snapshot' ? '/snapshots' : '/clusters';
  // Underlined: it often sits inside a sentence (the overview's last failures), where colour alone does not set it apart.
  return (
    <Link to={`${base}/${encodeURIComponent(trace.resource_id)}`} style={{ textDecoration: 'underline' }}>
      {label}
    </Link>
  );
}

export interface TracesTableProps {
  traces: Trace[];
  isLoading: boolean;
  onOpen: (trace: Trace) => void;
  /** Leaves out the resource column where every trace is of the same resource (a cluster's events). */
  hasResource?: boolean;
}

export function TracesTable({ traces, isLoading, onOpen, hasResource = true }: TracesTableProps) {
  const t = useTracesT();
  const { format } = useI18n();
  const operationName = useOperationName();
  return (
    <Table<Trace>
      rowKey="trace_id"
      size="small"
      loading={isLoading}
      dataSource={traces}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('empty') }}
      columns={[
        {
          key: 'time',
          title: t('time'),
          render: (_, trace) => format.dateTime(new Date(trace.time).toISOString()),
        },
        { key: 'operation', title: t('operation'), render: (_, trace) => operationName(trace.trace_name) },
        ...(hasResource
          ? [
              {
                key: 'resource',
                title: t('resource'),
                render: (_: unknown, trace: Trace) => <ResourceLink trace={trace} />,
              },
            ]
          : []),
        { key: 'user', title: t('user'), render: (_, trace) => trace.user.name },
        { key: 'means', title: t('means'), render: (_, trace) => t(`means.${trace.trace_type}`) },
        {
          key: 'status',
          title: t('status'),
          render: (_, trace) => <TraceStatus rating={trace.trace_rating} />,
        },
        { key: 'code', title: t('code'), dataIndex: 'code' },
        {
          key: 'details',
          title: t('details'),
          render: (_, trace) => (
            <Button type="link" size="small" onClick={() => onOpen(trace)}>
              {t('details')}
            </Button>
          ),
        },
      ]}
    />
  );
}
