import { queryOptions, useQuery } from '@tanstack/react-query';
import { nodeTypesResponseSchema, type NodeType } from '@dws-console/shared';
import { apiRequest } from '../../../lib/api-client.ts';
import { nodeTypeKeys } from './keys.ts';
import { useProjectId } from '../../../lib/session-scope.tsx';

export async function getNodeTypes(signal?: AbortSignal): Promise<NodeType[]> {
  return nodeTypesResponseSchema.parse(await apiRequest('/api/dws/node-types', { signal })).node_types;
}

export const nodeTypesQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: nodeTypeKeys.lists(projectId),
    queryFn: ({ signal }) => getNodeTypes(signal),
    // The catalogue of specs changes with the cloud's stock, not within a visit.
    staleTime: 5 * 60_000,
  });

export function useNodeTypesQuery() {
  return useQuery(nodeTypesQueryOptions(useProjectId()));
}
