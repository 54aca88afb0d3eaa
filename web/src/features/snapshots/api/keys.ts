import { projectKey } from '../../../lib/session-scope.tsx';

export const snapshotKeys = {
  all: (projectId: string) => [...projectKey(projectId), 'snapshots'] as const,
  lists: (projectId: string) => [...snapshotKeys.all(projectId), 'list'] as const,
  details: (projectId: string) => [...snapshotKeys.all(projectId), 'detail'] as const,
  detail: (projectId: string, id: string) => [...snapshotKeys.details(projectId), id] as const,
};
