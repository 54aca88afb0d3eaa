import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ChatMode } from '@dws-console/shared';
import { ask, stopAnswer } from '../api/ask.ts';
import { useChatAccessQuery } from '../api/get-access.ts';
import { useMonitoredClustersQuery } from '../api/get-monitored-clusters.ts';
import { useModelsQuery } from '../api/get-models.ts';
import { useSelectClusterMutation } from '../api/select-cluster.ts';
import { useSelectModelMutation } from '../api/select-model.ts';
import { AnswerStreams } from '../hooks/answer-streams.ts';
import {
  ConversationStore,
  newConversation,
  newTurn,
  type Conversation,
} from '../hooks/conversation-store.ts';
import { useChatT } from '../messages.ts';
import { AnswerView } from './answer-view.tsx';
import { RegisterClusterDialog } from './register-cluster-dialog.tsx';
import { useMessageApi } from '../../../lib/message-api.tsx';

export interface ChatPageProps {
  /** Conversations are kept per user. */
  userId: string;
  /** An alarm to diagnose in a new conversation (`query` is the alarm JSON, `shown` what the user sees). */
  diagnose?: { query: string; shown: string };
  /** Called once the diagnosis has been asked, so that it is not asked again. */
  onDiagnoseAsked?: () => void;
}

export function ChatPage({ userId, diagnose, onDiagnoseAsked }: ChatPageProps) {
  const t = useChatT();
  const message = useMessageApi();
  const store = useMemo(() => new ConversationStore(userId), [userId]);
  const streams = useMemo(() => new AnswerStreams(store), [store]);
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  const [draft, setDraft] = useState('');
  const [renaming, setRenaming] = useState<string>();
  const [registering, setRegistering] = useState(false);
  const models = useModelsQuery();
  const clusters = useMonitoredClustersQuery();
  const access = useChatAccessQuery();
  // Until the rights are known nothing is offered; the BFF refuses what is not allowed anyway.
  const noClusters = access.data?.clusters === 0;
  const canAsk = access.data?.ask.allowed === true && !noClusters;
  const canRegister = access.data?.register.allowed === true && !noClusters;
  const askRefusal = access.data
    ? noClusters
      ? t('access.noClusters', { project: access.data.project.name })
      : access.data.ask.reason && t('access.noAsk', { reason: access.data.ask.reason })
    : undefined;
  const registerRefusal =
    access.data?.register.reason && t('access.noRegister', { reason: access.data.register.reason });
  const selectModel = useSelectModelMutation();
  const selectCluster = useSelectClusterMutation();

  const active = state.conversations.find((c) => c.id === state.activeId) ?? state.conversations[0];

  // Answers that were streaming when the page was left resume where they stopped.
  useEffect(() => {
    for (const conversation of store.snapshot().conversations) {
      for (const turn of conversation.turns) {
        const { answer } = turn;
        if ((answer.status === 'streaming' || answer.status === 'asking') && answer.events) {
          streams.watch(conversation.id, turn.id, answer.events, answer.lastEventId);
        } else if (answer.status === 'asking') {
          // Left before the question was even accepted: there is nothing to resume.
          store.updateAnswer(conversation.id, turn.id, (a) => ({
            ...a,
            status: 'failed',
            error: 'interrupted',
          }));
        }
      }
    }
    return () => streams.closeAll();
  }, [store, streams]);

  const startConversation = (): Conversation => {
    const conversation = newConversation(t('untitled'));
    store.update((s) => ({ conversations: [conversation, ...s.conversations], activeId: conversation.id }));
    return conversation;
  };

  const send = async (question: string, mode?: ChatMode, into?: Conversation, shown?: string) => {
    const text = question.trim();
    if (!text || !canAsk) return;
    const conversation = into ?? active ?? startConversation();
    const turn = newTurn(text, mode ?? conversation.mode, shown);
    store.updateConversation(conversation.id, (c) => ({
      ...c,
      title: c.turns.length === 0 ? (turn.shown ?? text).slice(0, 40) : c.title,
      turns: [...c.turns, turn],
    }));
    setDraft('');
    try {
      const accepted = await ask({
        query: text,
        session_id: conversation.sessionId,
        mode: turn.mode,
        history_len: conversation.historyLen,
        ...(conversation.model ? { model_name: conversation.model } : {}),
        ...(conversation.cluster ? { instance: conversation.cluster } : {}),
      });
      store.updateAnswer(conversation.id, turn.id, (answer) => ({
        ...answer,
        answerId: accepted.answer_id,
        events: accepted.events,
        status: 'streaming',
      }));
      streams.watch(conversation.id, turn.id, accepted.events, 0);
    } catch (error) {
      store.updateAnswer(conversation.id, turn.id, (answer) => ({
        ...answer,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      }));
    }
  };

  const onSelectModel = (name: string) => {
    if (!active) return;
    selectModel.mutate(
      { name, session_id: active.sessionId },
      {
        onSuccess: (ok) => {
          if (ok) store.updateConversation(active.id, (c) => ({ ...c, model: name }));
          else void message.error(t('selectFailed'));
        },
      },
    );
  };

  const onSelectCluster = (instance: string) => {
    if (!active) return;
    selectCluster.mutate(
      { instance, session_id: active.sessionId },
      {
        onSuccess: (ok) => {
          if (ok) store.updateConversation(active.id, (c) => ({ ...c, cluster: instance }));
          else void message.error(t('selectFailed'));
        },
      },
    );
  };

  // An alarm handed over from another page is asked once, in a conversation of its own, once the
  // session's rights are known (asking before then would drop it).
  const asked = useRef<string>(undefined);
  useEffect(() => {
    if (!diagnose || !access.data || asked.current === diagnose.query) return;
    asked.current = diagnose.query;
    void send(diagnose.query, 'fault_diagnostic', startConversation(), diagnose.shown);
    onDiagnoseAsked?.();
  });

  const suggestions = [t('suggest.index'), t('suggest.alarms'), t('suggest.topSql')];

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card size="small" style={{ width: 240, flexShrink: 0 }}>
        <Button block icon={<PlusOutlined />} onClick={startConversation} style={{ marginBottom: 8 }}>
          {t('newConversation')}
        </Button>
        <List
          size="small"
          dataSource={state.conversations}
          renderItem={(conversation) => (
            <List.Item
              style={{
                cursor: 'pointer',
                background: conversation.id === active?.id ? 'rgba(22,119,255,0.08)' : undefined,
              }}
              onClick={() => store.update((s) => ({ ...s, activeId: conversation.id }))}
              actions={[
                <EditOutlined
                  key="rename"
                  aria-label={t('rename')}
                  onClick={() => setRenaming(conversation.id)}
                />,
                <Popconfirm
                  key="delete"
                  title={t('deleteConfirm')}
                  onConfirm={() =>
                    store.update((s) => ({
                      activeId: s.activeId === conversation.id ? undefined : s.activeId,
                      conversations: s.conversations.filter((c) => c.id !== conversation.id),
                    }))
                  }
                >
                  <DeleteOutlined aria-label={t('delete')} onClick={(event) => event.stopPropagation()} />
                </Popconfirm>,
              ]}
            >
              {renaming === conversation.id ? (
                <Input
                  size="small"
                  autoFocus
                  defaultValue={conversation.title}
                  maxLength={60}
                  onClick={(event) => event.stopPropagation()}
                  onBlur={() => setRenaming(undefined)}
                  onPressEnter={(event) => {
                    const title = event.currentTarget.value.trim();
                    if (title) store.updateConversation(conversation.id, (c) => ({ ...c, title }));
                    setRenaming(undefined);
                  }}
                />
              ) : (
                <Typography.Text ellipsis style={{ maxWidth: 150 }}>
                  {conversation.title}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      </Card>

      <div style={{ flex: 1, minWidth: 0 }}>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Typography.Text strong>{t('title')}</Typography.Text>
            <Select<ChatMode>
              aria-label={t('mode')}
              value={active?.mode ?? 'tool_interaction'}
              style={{ width: 140 }}
              disabled={!active}
              onChange={(mode) => active && store.updateConversation(active.id, (c) => ({ ...c, mode }))}
              options={(['tool_interaction', 'fault_diagnostic'] as const).map((mode) => ({
                value: mode,
                label: t(`mode.${mode}`),
              }))}
            />
            <Select
              aria-label={t('model')}
              placeholder={t('model')}
              style={{ width: 180 }}
              value={active?.model}
              loading={models.isPending || selectModel.isPending}
              disabled={!active}
              onChange={onSelectModel}
              options={(models.data ?? []).map((name) => ({ value: name, label: name }))}
            />
            <Select
              aria-label={t('cluster')}
              placeholder={t('clusterNone')}
              style={{ width: 220 }}
              value={active?.cluster}
              loading={clusters.isPending || selectCluster.isPending}
              disabled={!active || !canAsk}
              onChange={onSelectCluster}
              options={(clusters.data ?? []).map((cluster) => ({
                value: cluster.instance,
                label: `${cluster.name} (${cluster.instance})`,
              }))}
            />
            <Tooltip title={canRegister ? undefined : (registerRefusal ?? askRefusal)}>
              <Button disabled={!canRegister} onClick={() => setRegistering(true)}>
                {t('register')}
              </Button>
            </Tooltip>
            <Select<1 | 2 | 3>
              aria-label={t('historyLen')}
              value={active?.historyLen ?? 1}
              style={{ width: 120 }}
              disabled={!active}
              onChange={(historyLen) =>
                active && store.updateConversation(active.id, (c) => ({ ...c, historyLen }))
              }
              options={[1, 2, 3].map((n) => ({ value: n as 1 | 2 | 3, label: `${t('historyLen')}: ${n}` }))}
            />
          </Space>
        </Card>

        {askRefusal || registerRefusal ? (
          <Alert
            data-testid="chat-access"
            type={askRefusal ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            message={askRefusal ?? registerRefusal}
            description={askRefusal && registerRefusal ? registerRefusal : undefined}
          />
        ) : null}

        {!active || active.turns.length === 0 ? (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Empty description={t('empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            <Typography.Text type="secondary">{t('suggestions')}</Typography.Text>
            <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
              {suggestions.map((suggestion) => (
                <Button
                  key={suggestion}
                  block
                  style={{ textAlign: 'left', whiteSpace: 'normal', height: 'auto' }}
                  disabled={!canAsk}
                  onClick={() => void send(suggestion)}
                >
                  {suggestion}
                </Button>
              ))}
            </Space>
          </Card>
        ) : (
          active.turns.map((turn) => (
            <div key={turn.id}>
              <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
                <Card size="small" style={{ maxWidth: '80%', background: 'rgba(22,119,255,0.08)' }}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {turn.shown ?? turn.question}
                  </Typography.Text>
                </Card>
              </div>
              <AnswerView
                answer={turn.answer}
                onStop={() => {
                  if (!turn.answer.answerId) return;
                  stopAnswer(turn.answer.answerId).catch((error: unknown) => {
                    void message.error(error instanceof Error ? error.message : String(error));
                  });
                }}
                onRetry={() => void send(turn.question, turn.mode, active, turn.shown)}
                onAsk={(query, mode, shown) => void send(query, mode, active, shown)}
              />
            </div>
          ))
        )}

        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={t('placeholder')}
            placeholder={t('placeholder')}
            value={draft}
            disabled={!canAsk}
            autoSize={{ minRows: 1, maxRows: 6 }}
            onChange={(event) => setDraft(event.target.value)}
            onPressEnter={(event) => {
              if (!event.shiftKey) {
                event.preventDefault();
                void send(draft);
              }
            }}
          />
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void send(draft)}
            disabled={!draft.trim() || !canAsk}
          >
            {t('send')}
          </Button>
        </Space.Compact>
      </div>
      <RegisterClusterDialog open={registering} onClose={() => setRegistering(false)} />
    </div>
  );
}
