import {
  CheckCircleTwoTone,
  CopyOutlined,
  LoadingOutlined,
  RedoOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Space, Steps, Tooltip } from 'antd';
import { knownElementSchema, type DbmindElement } from '@dws-console/shared';
import { useChatT, useStepLabel } from '../messages.ts';
import type { AnswerState } from '../model.ts';
import { ElementView, withoutFilterRepeats, type ElementViewProps } from './element-view.tsx';

export interface AnswerViewProps {
  answer: AnswerState;
  onStop: () => void;
  onRetry: () => void;
  onAsk: ElementViewProps['onAsk'];
}

/** Plain text of an answer for the clipboard: the texts, and tables as tab-separated lines. */
function answerText(elements: DbmindElement[]): string {
  return elements
    .map((element) => {
      const known = knownElementSchema.safeParse(element);
      if (!known.success) return '';
      const shown = known.data;
      if (shown.type === 'table') {
        return [shown.content.headers, ...shown.content.rows]
          .map((row) => row.map(String).join('\t'))
          .join('\n');
      }
      return shown.type === 'str' || shown.type === 'title' ? shown.content : '';
    })
    .filter(Boolean)
    .join('\n\n');
}

export function AnswerView({ answer, onStop, onRetry, onAsk }: AnswerViewProps) {
  const t = useChatT();
  const stepLabel = useStepLabel();
  const running = answer.status === 'asking' || answer.status === 'streaming';
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="answer" data-status={answer.status}>
      {answer.progress.length > 0 && (
        <Steps
          size="small"
          direction="vertical"
          style={{ marginBottom: 8 }}
          items={answer.progress.map((step, i) => {
            const isRunning = running && i === answer.progress.length - 1;
            return {
              title: stepLabel(step, isRunning),
              status: isRunning ? 'process' : 'finish',
              icon: isRunning ? <LoadingOutlined /> : <CheckCircleTwoTone twoToneColor="#52c41a" />,
            };
          })}
        />
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {withoutFilterRepeats(answer.elements).map((element, i) => (
          <ElementView key={i} element={element} onAsk={onAsk} />
        ))}
      </Space>
      {answer.status === 'stopped' && (
        <Alert type="info" showIcon message={t('stopped')} style={{ marginTop: 8 }} />
      )}
      {answer.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={
            answer.error === 'internal'
              ? t('internalError')
              : t('streamFailed', { message: answer.error ?? '' })
          }
        />
      )}
      {answer.error === 'internal' && answer.status !== 'failed' && (
        <Alert type="error" showIcon message={t('internalError')} style={{ marginTop: 8 }} />
      )}
      <Space style={{ marginTop: 8 }}>
        {running ? (
          <Button size="small" icon={<StopOutlined />} onClick={onStop}>
            {t('stop')}
          </Button>
        ) : (
          <Button size="small" icon={<RedoOutlined />} onClick={onRetry}>
            {t('retry')}
          </Button>
        )}
        <Tooltip title={t('copy')}>
          <Button
            size="small"
            icon={<CopyOutlined />}
            aria-label={t('copy')}
            onClick={() => void navigator.clipboard?.writeText(answerText(answer.elements))}
          />
        </Tooltip>
      </Space>
    </Card>
  );
}
