import { projectKey } from '../../../lib/session-scope.tsx';

/**
 * Models are DBMind's, the same in every project; conversations (decision 026), what the assistant may do and
 * which clusters it knows are the project's, so that a switch never shows them under another project's name.
 */
export const chatKeys = {
  all: ['chat'] as const,
  models: () => [...chatKeys.all, 'models'] as const,
  project: (projectId: string) => [...projectKey(projectId), 'chat'] as const,
  clusters: (projectId: string) => [...chatKeys.project(projectId), 'clusters'] as const,
  access: (projectId: string) => [...chatKeys.project(projectId), 'access'] as const,
  binding: (projectId: string, clusterId: string) =>
    [...chatKeys.project(projectId), 'binding', clusterId] as const,
  // Beside the project's other chat answers, not under them: registering a cluster refreshes those alone.
  conversations: (projectId: string) => [...projectKey(projectId), 'conversations'] as const,
  conversation: (projectId: string, id: string) => [...chatKeys.conversations(projectId), id] as const,
};
