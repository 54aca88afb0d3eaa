import { projectKey } from '../../../lib/session-scope.tsx';

export const clusterKeys = {
  all: (projectId: string) => [...projectKey(projectId), 'clusters'] as const,
  lists: (projectId: string) => [...clusterKeys.all(projectId), 'list'] as const,
  details: (projectId: string) => [...clusterKeys.all(projectId), 'detail'] as const,
  detail: (projectId: string, id: string) => [...clusterKeys.details(projectId), id] as const,
};
