import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { assistantActions, type ChatMode, type Conversation, type Turn } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { grantingRoles } from '../../../lib/permissions.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';
import { ask, stopAnswer } from '../api/ask.ts';
import {
  appendTurn,
  createConversation,
  recordAnswer,
  updateConversation,
  useConversationQuery,
} from '../api/conversations.ts';
import { useChatAccessQuery } from '../api/get-access.ts';
import { chatKeys } from '../api/keys.ts';
import { useChatT } from '../messages.ts';
import { emptyAnswer, isRunning } from '../model.ts';
import { setCachedTurn, useChatRuntime } from './chat-runtime.ts';

export interface ChatOptions {
  /** The open conversation; a question without one starts one. */
  conversationId: string | undefined;
  /** A conversation started here is about this DWS cluster (the panel on a cluster's page). */
  clusterId?: string;
  /** Called with a conversation this hook started, so the caller opens it. */
  onStarted: (id: string) => void;
}

const pendingId = 't_pending';

/**
 * What the session may do in the assistant, as the views need it. A refusal is said in the console's language,
 * naming the right and the roles that grant it; the BFF's own reason, for API callers, names the IAM action.
 */
export function useChatRights() {
  const t = useChatT();
  const { locale } = useI18n();
  const access = useChatAccessQuery();
  const refusal = (what: keyof typeof assistantActions) =>
    access.data?.[what].allowed === false
      ? t(what === 'ask' ? 'access.noAsk' : 'access.noRegister', {
          project: access.data.project.name,
          roles: grantingRoles(locale, assistantActions[what]),
        })
      : undefined;
  // Until the rights are known nothing is offered; the BFF refuses what is not allowed anyway.
  const noClusters = access.data?.clusters === 0;
  const askRefusal = access.data
    ? noClusters
      ? t('access.noClusters', { project: access.data.project.name })
      : refusal('ask')
    : undefined;
  return {
    known: Boolean(access.data),
    canAsk: access.data?.ask.allowed === true && !noClusters,
    canRegister: access.data?.register.allowed === true && !noClusters,
    askRefusal,
    registerRefusal: refusal('register'),
  };
}

/**
 * One conversation with the assistant, shared by the panel and the chat page: its turns as stored by the BFF
 * with the live state of running answers, and asking, stopping and retrying.
 */
export function useChat({ conversationId, clusterId, onStarted }: ChatOptions) {
  const t = useChatT();
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  const runtime = useChatRuntime();
  const rights = useChatRights();
  const conversation = useConversationQuery(conversationId);

  // Answers that were running when an earlier page was left resume where they are; one never accepted ends.
  useEffect(() => {
    const current = conversation.data;
    if (!current) return;
    const ref = { projectId, conversationId: current.id };
    for (const turn of current.turns) {
      if (!isRunning(turn.answer) || turn.id === pendingId) continue;
      if (turn.answer.answer_id) {
        runtime.follow(ref, turn.id, turn.answer.answer_id, emptyAnswer('streaming'));
      } else {
        const answer = { ...turn.answer, status: 'failed' as const, error: 'interrupted' };
        setCachedTurn(queryClient, ref, turn.id, (t) => ({ ...t, answer }));
        void recordAnswer(current.id, turn.id, answer).catch(() => undefined);
      }
    }
  }, [conversation.data, runtime, queryClient, projectId]);

  const send = async (question: string, mode?: ChatMode, shown?: string, fresh = false) => {
    const text = question.trim();
    if (!text || !rights.canAsk) return;
    let target: Pick<Conversation, 'id' | 'mode' | 'history_len' | 'model' | 'instance' | 'cluster_id'>;
    if (conversation.data && !fresh) {
      target = conversation.data;
    } else {
      // The question's mode is its own: a diagnosis starts a conversation whose follow-ups are tool questions.
      const title = (shown ?? text).slice(0, 40);
      const created = await createConversation({
        title,
        ...(clusterId ? { cluster_id: clusterId } : {}),
      });
      queryClient.setQueryData(chatKeys.conversation(projectId, created.id), { ...created, turns: [] });
      target = created;
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(projectId), exact: true });
      onStarted(target.id);
    }
    const turnMode = mode ?? target.mode;
    const ref = { projectId, conversationId: target.id };
    const key = chatKeys.conversation(projectId, target.id);
    const pending: Turn = {
      id: pendingId,
      question: text,
      ...(shown !== undefined && shown !== text ? { shown } : {}),
      mode: turnMode,
      asked_at: Date.now(),
      answer: emptyAnswer('asking'),
    };
    queryClient.setQueryData(key, (old: Conversation | undefined) =>
      old ? { ...old, turns: [...old.turns.filter((t) => t.id !== pendingId), pending] } : old,
    );
    let answer = emptyAnswer('streaming');
    try {
      const accepted = await ask({
        query: text,
        session_id: target.id,
        mode: turnMode,
        history_len: target.history_len,
        ...(target.model ? { model_name: target.model } : {}),
        ...(target.cluster_id
          ? { cluster_id: target.cluster_id }
          : target.instance
            ? { instance: target.instance }
            : {}),
      });
      answer = { ...answer, answer_id: accepted.answer_id };
    } catch (error) {
      answer = { ...emptyAnswer('failed'), error: error instanceof Error ? error.message : String(error) };
    }
    try {
      const turn = await appendTurn(target.id, {
        question: text,
        ...(pending.shown ? { shown: pending.shown } : {}),
        mode: turnMode,
        answer,
      });
      queryClient.setQueryData(key, (old: Conversation | undefined) =>
        old ? { ...old, turns: [...old.turns.filter((t) => t.id !== pendingId), turn] } : old,
      );
      // A conversation started with 新建对话 is named after its first question.
      if (!fresh && conversation.data?.turns.length === 0 && conversation.data.title === t('untitled')) {
        await updateConversation(target.id, { title: (shown ?? text).slice(0, 40) }).catch(() => undefined);
      }
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(projectId), exact: true });
      if (answer.answer_id) runtime.follow(ref, turn.id, answer.answer_id, answer);
    } catch (error) {
      setCachedTurn(queryClient, ref, pendingId, (t) => ({
        ...t,
        answer: { ...emptyAnswer('failed'), error: error instanceof Error ? error.message : String(error) },
      }));
    }
  };

  const stop = (turn: Turn) => {
    const answerId = runtime.answerOf(turn).answer_id ?? turn.answer.answer_id;
    if (answerId) return stopAnswer(answerId);
    return Promise.resolve();
  };

  return {
    rights,
    conversation: conversation.data,
    loading: conversation.isPending && Boolean(conversationId),
    answerOf: (turn: Turn) => runtime.answerOf(turn),
    send,
    stop,
  };
}

export type Chat = ReturnType<typeof useChat>;
