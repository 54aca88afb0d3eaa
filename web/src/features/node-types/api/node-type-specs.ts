import { isNodeTypeAvailable, nodeTypeDetailValue, type NodeType } from '@dws-console/shared';

export interface NodeTypeSpecs {
  vcpu?: number;
  memory?: number;
  storage?: number;
  storageType?: string;
  isAvailable: boolean;
}

/** The figures a buyer compares, read from the seed's `detail` list (storage is `LOCAL_DISK` or `SSD`). */
export function nodeTypeSpecs(nodeType: NodeType): NodeTypeSpecs {
  const storageEntry = nodeType.detail.find((d) => d.type === 'LOCAL_DISK' || d.type === 'SSD');
  return {
    vcpu: nodeTypeDetailValue(nodeType, 'vCPU'),
    memory: nodeTypeDetailValue(nodeType, 'mem'),
    storage: storageEntry ? Number(storageEntry.value) : undefined,
    storageType: storageEntry?.type,
    isAvailable: isNodeTypeAvailable(nodeType),
  };
}
