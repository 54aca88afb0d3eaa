import { SendOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { dbmindMaxQuestionLength } from '@dws-console/shared';
import { useChatT } from '../messages.ts';

export interface ChatInputProps {
  /** Questions offered while the conversation is empty; they fit the page. */
  suggestions: string[];
  showSuggestions: boolean;
  disabled: boolean;
  onSend: (question: string) => void;
}

/** The question box, with suggested questions above it while nothing has been asked. */
export function ChatInput({ suggestions, showSuggestions, disabled, onSend }: ChatInputProps) {
  const t = useChatT();
  const [draft, setDraft] = useState('');
  const send = (question: string) => {
    if (!question.trim()) return;
    onSend(question);
    setDraft('');
  };
  return (
    <>
      {showSuggestions && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Empty description={t('empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          <Typography.Text type="secondary">{t('suggestions')}</Typography.Text>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            {suggestions.map((suggestion) => (
              <Button
                key={suggestion}
                block
                style={{ textAlign: 'left', whiteSpace: 'normal', height: 'auto' }}
                disabled={disabled}
                onClick={() => send(suggestion)}
              >
                {suggestion}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Input.TextArea
          aria-label={t('placeholder')}
          placeholder={t('placeholder')}
          value={draft}
          disabled={disabled}
          maxLength={dbmindMaxQuestionLength}
          autoSize={{ minRows: 1, maxRows: 6 }}
          onChange={(event) => setDraft(event.target.value)}
          onPressEnter={(event) => {
            if (!event.shiftKey) {
              event.preventDefault();
              send(draft);
            }
          }}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() => send(draft)}
          disabled={!draft.trim() || disabled}
        >
          {t('send')}
        </Button>
      </Space.Compact>
    </>
  );
}
