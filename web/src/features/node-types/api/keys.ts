import { projectKey } from '../../../lib/session-scope.tsx';

/** Node types and their availability are a region's, and a project is a region. */
export const nodeTypeKeys = {
  all: (projectId: string) => [...projectKey(projectId), 'node-types'] as const,
  lists: (projectId: string) => [...nodeTypeKeys.all(projectId), 'list'] as const,
};
