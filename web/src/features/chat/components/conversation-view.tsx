import { ArrowDownOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useEffect } from 'react';
import { useStickToBottom } from 'use-stick-to-bottom';
import type { Turn } from '@dws-console/shared';
import type { Chat } from '../hooks/use-chat.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { useMediaQuery } from '../../../lib/media-query.ts';
import { useChatT } from '../messages.ts';
import { AnswerView } from './answer-view.tsx';

export interface ConversationViewProps {
  chat: Pick<Chat, 'conversation' | 'answerOf' | 'send' | 'stop'>;
}

/**
 * The turns of the open conversation: each question, and its answer as stored or as it streams. The turns scroll
 * inside the view, which fills the height its parent gives it, and follow a growing answer unless the reader has
 * scrolled up to read; a new question always brings its answer into view.
 */
export function ConversationView({ chat }: ConversationViewProps) {
  const t = useChatT();
  const message = useMessageApi();
  const isMotionReduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  const motion = isMotionReduced ? 'instant' : 'smooth';
  const { scrollRef, contentRef, isAtBottom, scrollToBottom } = useStickToBottom({
    initial: 'instant',
    resize: motion,
  });
  const turns: Turn[] = chat.conversation?.turns ?? [];
  const lastTurnId = turns.at(-1)?.id;
  useEffect(() => {
    if (lastTurnId) void scrollToBottom(motion);
  }, [lastTurnId, scrollToBottom, motion]);

  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0 }}>
      <div
        ref={scrollRef}
        data-testid="conversation-scroll"
        style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden' }}
      >
        <div ref={contentRef} data-testid="conversation-view">
          {turns.map((turn) => (
            <div key={turn.id}>
              <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
                <Card size="small" style={{ maxWidth: '80%', background: 'rgba(22,119,255,0.08)' }}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {turn.shown ?? turn.question}
                  </Typography.Text>
                </Card>
              </div>
              <AnswerView
                answer={chat.answerOf(turn)}
                onStop={() => {
                  chat.stop(turn).catch((error: unknown) => {
                    void message.error(error instanceof Error ? error.message : String(error));
                  });
                }}
                onRetry={() => void chat.send(turn.question, turn.mode, turn.shown)}
                onAsk={(query, mode, shown) => void chat.send(query, mode, shown)}
              />
            </div>
          ))}
        </div>
      </div>
      {!isAtBottom && (
        <Button
          shape="round"
          icon={<ArrowDownOutlined />}
          onClick={() => void scrollToBottom(motion)}
          style={{ position: 'absolute', bottom: 8, left: '50%', transform: 'translateX(-50%)' }}
        >
          {t('jumpToLatest')}
        </Button>
      )}
    </div>
  );
}
