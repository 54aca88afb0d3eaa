import { Result } from 'antd';
import { ApiError } from '../../../lib/api-client.ts';
import { useTracesT } from '../messages.ts';

/** CTS refuses a user without `cts:trace:list`: said in words, not as a failure. */
export const isTracesForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

export function TracesForbidden() {
  const t = useTracesT();
  return <Result status="403" title={t('forbidden')} subTitle={t('forbiddenHint')} />;
}
