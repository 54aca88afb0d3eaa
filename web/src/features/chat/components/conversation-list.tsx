import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { conversationLimits, type ConversationSummary } from '@dws-console/shared';
import { useDeleteConversationMutation, useUpdateConversationMutation } from '../api/conversations.ts';
import { useChatT } from '../messages.ts';

export interface ConversationListProps {
  conversations: ConversationSummary[];
  activeId: string | undefined;
  onOpen: (id: string | undefined) => void;
  onNew: () => void;
}

/** The user's conversations, most recently used first: open, rename, delete, or start a new one. */
export function ConversationList({ conversations, activeId, onOpen, onNew }: ConversationListProps) {
  const t = useChatT();
  const [renaming, setRenaming] = useState<string>();
  const rename = useUpdateConversationMutation();
  const remove = useDeleteConversationMutation();
  return (
    <Card size="small" style={{ width: 240, flexShrink: 0 }}>
      <Button block icon={<PlusOutlined />} onClick={onNew} style={{ marginBottom: 8 }}>
        {t('newConversation')}
      </Button>
      <List
        size="small"
        dataSource={conversations}
        renderItem={(conversation) => (
          <List.Item
            data-testid="conversation"
            style={{
              cursor: 'pointer',
              gap: 4,
              background: conversation.id === activeId ? 'rgba(22,119,255,0.08)' : undefined,
            }}
            onClick={() => onOpen(conversation.id)}
          >
            {renaming === conversation.id ? (
              <Input
                size="small"
                autoFocus
                aria-label={t('rename')}
                defaultValue={conversation.title}
                maxLength={conversationLimits.titleLength}
                onClick={(event) => event.stopPropagation()}
                onBlur={() => setRenaming(undefined)}
                onPressEnter={(event) => {
                  const title = event.currentTarget.value.trim();
                  if (title) rename.mutate({ id: conversation.id, change: { title } });
                  setRenaming(undefined);
                }}
              />
            ) : (
              // The whole width left by the two icons; a longer title shows whole on hover.
              <Typography.Text ellipsis={{ tooltip: conversation.title }} style={{ flex: 1, minWidth: 0 }}>
                {conversation.title}
              </Typography.Text>
            )}
            <Space size={8} onClick={(event) => event.stopPropagation()}>
              <EditOutlined aria-label={t('rename')} onClick={() => setRenaming(conversation.id)} />
              <Popconfirm
                title={t('deleteConfirm')}
                onConfirm={() => {
                  remove.mutate(conversation.id);
                  if (conversation.id === activeId) onOpen(undefined);
                }}
              >
                <DeleteOutlined aria-label={t('delete')} />
              </Popconfirm>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
