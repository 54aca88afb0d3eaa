import { Button, Card, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { ChatMode, Conversation, UpdateConversationRequest } from '@dws-console/shared';
import { useUpdateConversationMutation } from '../api/conversations.ts';
import { useMonitoredClustersQuery } from '../api/get-monitored-clusters.ts';
import { useModelsQuery } from '../api/get-models.ts';
import { useSelectClusterMutation } from '../api/select-cluster.ts';
import { useSelectModelMutation } from '../api/select-model.ts';
import type { useChatRights } from '../hooks/use-chat.ts';
import { useChatT } from '../messages.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { RegisterClusterDialog } from './register-cluster-dialog.tsx';

export interface ChatToolbarProps {
  conversation: Conversation | undefined;
  rights: ReturnType<typeof useChatRights>;
}

/** What the next question of the open conversation is asked with: mode, model, cluster, context turns. */
export function ChatToolbar({ conversation, rights }: ChatToolbarProps) {
  const t = useChatT();
  const message = useMessageApi();
  const [registering, setRegistering] = useState(false);
  const models = useModelsQuery();
  const clusters = useMonitoredClustersQuery();
  const selectModel = useSelectModelMutation();
  const selectCluster = useSelectClusterMutation();
  const update = useUpdateConversationMutation();
  const change = (value: UpdateConversationRequest) =>
    conversation && update.mutate({ id: conversation.id, change: value });

  // DBMind checks a model or a cluster first; the conversation remembers it once DBMind took it.
  const onSelectModel = (name: string) =>
    conversation &&
    selectModel.mutate(
      { name, session_id: conversation.id },
      { onSuccess: (ok) => (ok ? change({ model: name }) : void message.error(t('selectFailed'))) },
    );
  const onSelectCluster = (instance: string) =>
    conversation &&
    selectCluster.mutate(
      { instance, session_id: conversation.id },
      { onSuccess: (ok) => (ok ? change({ instance }) : void message.error(t('selectFailed'))) },
    );

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Typography.Text strong>{t('title')}</Typography.Text>
        <Select<ChatMode>
          aria-label={t('mode')}
          value={conversation?.mode ?? 'tool_interaction'}
          style={{ width: 170 }}
          disabled={!conversation}
          onChange={(mode) => change({ mode })}
          options={(['tool_interaction', 'fault_diagnostic'] as const).map((mode) => ({
            value: mode,
            label: t(`mode.${mode}`),
          }))}
        />
        <Select
          aria-label={t('model')}
          placeholder={t('model')}
          style={{ width: 180 }}
          // The model the next question is answered with, even before one is chosen.
          value={conversation?.model ?? models.data?.fallback}
          loading={models.isPending || selectModel.isPending}
          disabled={!conversation}
          onChange={onSelectModel}
          options={(models.data?.names ?? []).map((name) => ({ value: name, label: name }))}
        />
        <Select
          aria-label={t('cluster')}
          placeholder={conversation?.cluster_id ? t('clusterBound') : t('clusterNone')}
          style={{ width: 250 }}
          value={conversation?.instance}
          loading={clusters.isPending || selectCluster.isPending}
          disabled={!conversation || !rights.canAsk || Boolean(conversation.cluster_id)}
          onChange={onSelectCluster}
          options={(clusters.data ?? []).map((cluster) => ({
            value: cluster.instance,
            disabled: !cluster.managed,
            label: cluster.managed
              ? `${cluster.name} (${cluster.instance})`
              : `${t('clusterUnregistered')} (${cluster.instance})`,
          }))}
        />
        <Tooltip title={rights.canRegister ? undefined : (rights.registerRefusal ?? rights.askRefusal)}>
          <Button disabled={!rights.canRegister} onClick={() => setRegistering(true)}>
            {t('register')}
          </Button>
        </Tooltip>
        <Select<1 | 2 | 3>
          aria-label={t('historyLen')}
          value={conversation?.history_len ?? 1}
          // Wide enough for its label in either language: a truncated setting cannot be read.
          style={{ width: 170 }}
          disabled={!conversation}
          onChange={(historyLen) => change({ history_len: historyLen })}
          options={[1, 2, 3].map((n) => ({ value: n as 1 | 2 | 3, label: `${t('historyLen')}: ${n}` }))}
        />
      </Space>
      <RegisterClusterDialog open={registering} onClose={() => setRegistering(false)} />
    </Card>
  );
}
