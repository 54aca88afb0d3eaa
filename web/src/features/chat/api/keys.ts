import { projectKey } from '../../../lib/session-scope.tsx';

/**
 * Conversations and models are the user's, the same in every project (decisions 025 and 027); what the assistant
 * may do and which clusters it knows are the project's.
 */
export const chatKeys = {
  all: ['chat'] as const,
  models: () => [...chatKeys.all, 'models'] as const,
  project: (projectId: string) => [...projectKey(projectId), 'chat'] as const,
  clusters: (projectId: string) => [...chatKeys.project(projectId), 'clusters'] as const,
  access: (projectId: string) => [...chatKeys.project(projectId), 'access'] as const,
  binding: (projectId: string, clusterId: string) =>
    [...chatKeys.project(projectId), 'binding', clusterId] as const,
  conversations: () => [...chatKeys.all, 'conversations'] as const,
  conversation: (id: string) => [...chatKeys.conversations(), id] as const,
};
