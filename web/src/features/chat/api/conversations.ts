import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  conversationListSchema,
  conversationSchema,
  conversationSummarySchema,
  turnSchema,
  type AppendTurnRequest,
  type Conversation,
  type ConversationSummary,
  type CreateConversationRequest,
  type StoredAnswer,
  type Turn,
  type UpdateConversationRequest,
} from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';
import { chatKeys } from './keys.ts';

/** The user's conversations are the BFF's (decision 025): the browser only caches them in react-query. */
const base = '/api/dbmind/conversations';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export async function listConversations(signal?: AbortSignal): Promise<ConversationSummary[]> {
  return conversationListSchema.parse(await apiRequest(base, { signal })).conversations;
}

export async function getConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return conversationSchema.parse(await apiRequest(one(id), { signal }));
}

export async function createConversation(request: CreateConversationRequest): Promise<ConversationSummary> {
  return conversationSummarySchema.parse(await apiRequest(base, { method: 'POST', body: request }));
}

export async function updateConversation(
  id: string,
  change: UpdateConversationRequest,
): Promise<ConversationSummary> {
  return conversationSummarySchema.parse(await apiRequest(one(id), { method: 'PATCH', body: change }));
}

export async function deleteConversation(id: string): Promise<void> {
  await apiRequest(one(id), { method: 'DELETE' });
}

export async function appendTurn(id: string, turn: AppendTurnRequest): Promise<Turn> {
  return turnSchema.parse(await apiRequest(`${one(id)}/turns`, { method: 'POST', body: turn }));
}

export async function recordAnswer(id: string, turnId: string, answer: StoredAnswer): Promise<Turn> {
  return turnSchema.parse(
    await apiRequest(`${one(id)}/turns/${encodeURIComponent(turnId)}`, { method: 'PUT', body: { answer } }),
  );
}

export const conversationsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: chatKeys.conversations(projectId),
    queryFn: ({ signal }) => listConversations(signal),
  });

export function useConversationsQuery() {
  return useQuery(conversationsQueryOptions(useProjectId()));
}

export const conversationQueryOptions = (projectId: string, id: string) =>
  queryOptions({
    queryKey: chatKeys.conversation(projectId, id),
    queryFn: ({ signal }) => getConversation(id, signal),
    // Live answers are the streams' business; the stored conversation changes only when this browser writes it.
    staleTime: 30_000,
  });

export function useConversationQuery(id: string | undefined) {
  return useQuery({ ...conversationQueryOptions(useProjectId(), id ?? ''), enabled: Boolean(id) });
}

/** Starts a conversation; the list shows it at once. */
export function useCreateConversationMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: createConversation,
    onSuccess: (summary) => {
      queryClient.setQueryData(chatKeys.conversation(projectId, summary.id), { ...summary, turns: [] });
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(projectId), exact: true });
    },
  });
}

/** Rename, or change what the next question is asked with; the list and the open conversation follow. */
export function useUpdateConversationMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateConversationRequest }) =>
      updateConversation(id, change),
    onSuccess: (summary) => {
      queryClient.setQueryData(
        chatKeys.conversation(projectId, summary.id),
        (old: Conversation | undefined) => (old ? { ...old, ...summary } : old),
      );
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(projectId), exact: true });
    },
  });
}

export function useDeleteConversationMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: deleteConversation,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: chatKeys.conversation(projectId, id) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(projectId), exact: true });
    },
  });
}
