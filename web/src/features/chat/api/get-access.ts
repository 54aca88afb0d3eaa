import { queryOptions, useQuery } from '@tanstack/react-query';
import { chatAccessSchema, type ChatAccess } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

/** What the session may do in the assistant, within its own project. */
export async function getChatAccess(signal?: AbortSignal): Promise<ChatAccess> {
  return chatAccessSchema.parse(await apiRequest('/api/dbmind/access', { signal }));
}

export const chatAccessQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: chatKeys.access(projectId), queryFn: ({ signal }) => getChatAccess(signal) });

export function useChatAccessQuery() {
  return useQuery(chatAccessQueryOptions(useProjectId()));
}
