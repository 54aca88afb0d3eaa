import { Card, Typography } from 'antd';
import type { Turn } from '@dws-console/shared';
import type { Chat } from '../hooks/use-chat.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { AnswerView } from './answer-view.tsx';

export interface ConversationViewProps {
  chat: Pick<Chat, 'conversation' | 'answerOf' | 'send' | 'stop'>;
}

/** The turns of the open conversation: each question, and its answer as stored or as it streams. */
export function ConversationView({ chat }: ConversationViewProps) {
  const message = useMessageApi();
  const turns: Turn[] = chat.conversation?.turns ?? [];
  return (
    <div data-testid="conversation-view">
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
  );
}
