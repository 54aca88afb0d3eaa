import { Descriptions, Drawer, Typography } from 'antd';
import type { Trace } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useTracesT } from '../messages.ts';
import { ResourceLink, TraceStatus, useOperationName } from './traces-table.tsx';

/** CTS keeps the summaries as JSON text; shown indented when they are JSON, as they are otherwise. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export interface TraceDrawerProps {
  trace: Trace | undefined;
  onClose: () => void;
}

export function TraceDrawer({ trace, onClose }: TraceDrawerProps) {
  const t = useTracesT();
  const { format } = useI18n();
  const operationName = useOperationName();
  return (
    <Drawer
      open={trace !== undefined}
      onClose={onClose}
      width={560}
      title={trace ? operationName(trace.trace_name) : ''}
      destroyOnHidden
    >
      {trace && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('time')}>
              {format.dateTime(new Date(trace.time).toISOString())}
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <TraceStatus rating={trace.trace_rating} /> {trace.code}
            </Descriptions.Item>
            <Descriptions.Item label={t('user')}>
              {trace.user.name} ({trace.user.domain.name})
            </Descriptions.Item>
            <Descriptions.Item label={t('means')}>{t(`means.${trace.trace_type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('source')}>{trace.source_ip}</Descriptions.Item>
            <Descriptions.Item label={t('resource')}>
              {trace.service_type} {trace.resource_type} <ResourceLink trace={trace} />
              {trace.resource_name && trace.resource_id ? ` (${trace.resource_id})` : ''}
            </Descriptions.Item>
            {trace.message && <Descriptions.Item label={t('message')}>{trace.message}</Descriptions.Item>}
            <Descriptions.Item label={t('requestId')}>
              <Typography.Text copyable>{trace.request_id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('traceId')}>
              <Typography.Text copyable>{trace.trace_id}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('request')}</Typography.Title>
          <pre aria-label={t('request')} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {pretty(trace.request)}
          </pre>
          <Typography.Title level={5}>{t('response')}</Typography.Title>
          <pre aria-label={t('response')} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {pretty(trace.response)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
