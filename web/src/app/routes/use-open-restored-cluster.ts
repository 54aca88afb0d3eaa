import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { clusterKeys } from '../../features/clusters/index.ts';
import { useProjectId } from '../../lib/session-scope.tsx';

/** A restore creates a cluster: the clusters list is stale, and the user wants to watch the new one. */
export function useOpenRestoredCluster() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const projectId = useProjectId();
  return useCallback(
    (clusterId: string) => {
      void queryClient.invalidateQueries({ queryKey: clusterKeys.lists(projectId) });
      void navigate(`/clusters/${clusterId}`);
    },
    [queryClient, navigate, projectId],
  );
}
