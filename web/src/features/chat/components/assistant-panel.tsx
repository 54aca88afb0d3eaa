import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useConversationsQuery } from '../api/conversations.ts';
import { useClusterBindingQuery } from '../api/get-binding.ts';
import { useChat } from '../hooks/use-chat.ts';
import { useDiagnosis, type Diagnosis } from '../hooks/use-diagnosis.ts';
import { useChatT } from '../messages.ts';
import { ChatAccessAlert } from './chat-access-alert.tsx';
import { ChatInput } from './chat-input.tsx';
import { ClusterRegistration } from './cluster-registration.tsx';
import { ConversationView } from './conversation-view.tsx';
import './chat-layout.css';

/** The DWS cluster in view, when the page shows one. */
export interface PanelCluster {
  id: string;
  name: string;
  /** The cluster's administrator, offered as the database user when DBMind needs one. */
  userName: string;
}

export interface AssistantPanelProps {
  cluster?: PanelCluster;
  /** An alarm to diagnose in a new conversation (the monitoring view's 诊断). */
  diagnose?: Diagnosis;
  onDiagnoseAsked?: () => void;
}

/**
 * The assistant beside every page, bound to what is in view: on a cluster's page its conversations are about
 * that cluster (the BFF finds the cluster's DBMind instance); elsewhere they are general. Each context keeps its
 * open conversation while the user moves between pages.
 */
export function AssistantPanel({ cluster, diagnose, onDiagnoseAsked }: AssistantPanelProps) {
  const t = useChatT();
  const context = cluster?.id ?? '';
  const [open, setOpen] = useState<Record<string, string | null>>({});
  const conversations = useConversationsQuery();
  const mine = (conversations.data ?? []).filter((c) => (c.cluster_id ?? '') === context);
  // A context opens its latest conversation until the user starts a new one (null).
  const activeId = open[context] === undefined ? mine[0]?.id : (open[context] ?? undefined);
  const choose = (id: string | null) => setOpen((all) => ({ ...all, [context]: id }));
  const chat = useChat({ conversationId: activeId, clusterId: cluster?.id, onStarted: choose });
  useDiagnosis(chat, diagnose, onDiagnoseAsked);
  const binding = useClusterBindingQuery(cluster?.id);
  const unregistered = binding.data && !binding.data.registered;

  const suggestions = cluster
    ? [t('suggest.health'), t('suggest.slowSql'), t('suggest.alarms'), t('suggest.index')]
    : [t('suggest.databases'), t('suggest.alarms'), t('suggest.topSql')];

  return (
    <div data-testid="assistant-panel" className="chat-column">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">
          {cluster ? t('assistant.about', { name: cluster.name }) : t('assistant.general')}
        </Typography.Text>
        <Space>
          <Select
            size="small"
            aria-label={t('assistant.history')}
            placeholder={t('assistant.history')}
            style={{ width: 160 }}
            value={activeId}
            onChange={(id) => choose(id)}
            options={mine.map((c) => ({ value: c.id, label: c.title }))}
          />
          <Button size="small" icon={<PlusOutlined />} onClick={() => choose(null)}>
            {t('newConversation')}
          </Button>
        </Space>
      </Space>
      <ChatAccessAlert rights={chat.rights} />
      {cluster && unregistered && binding.data ? (
        <ClusterRegistration
          binding={binding.data}
          clusterName={cluster.name}
          userName={cluster.userName}
          refusal={chat.rights.canRegister ? undefined : (chat.rights.registerRefusal ?? undefined)}
        />
      ) : null}
      <ConversationView chat={chat} />
      <ChatInput
        suggestions={suggestions}
        showSuggestions={!chat.conversation || chat.conversation.turns.length === 0}
        disabled={!chat.rights.canAsk || Boolean(unregistered)}
        onSend={(question) => void chat.send(question)}
      />
    </div>
  );
}
