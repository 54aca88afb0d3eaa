import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegisterClusterRequest } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { chatKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

/** DBMind's verdict: 0 registered, 503 cannot log in, 1001 not managed, 1002 name taken. */
export interface RegisterResult {
  status: number;
  msg: string;
}

export async function registerCluster(request: RegisterClusterRequest): Promise<RegisterResult> {
  const body = await apiRequest<{ data?: { status?: unknown; msg?: unknown } }>(
    '/api/dbmind/clusters/register',
    {
      method: 'POST',
      body: request,
    },
  );
  const msg = body.data?.msg;
  return { status: Number(body.data?.status ?? -1), msg: typeof msg === 'string' ? msg : '' };
}

export function useRegisterClusterMutation() {
  const queryClient = useQueryClient();
  const projectId = useProjectId();
  return useMutation({
    mutationFn: registerCluster,
    // Registered: DBMind's cluster list and the cluster's binding both changed.
    onSuccess: (result) => {
      if (result.status === 0) void queryClient.invalidateQueries({ queryKey: chatKeys.project(projectId) });
    },
  });
}
