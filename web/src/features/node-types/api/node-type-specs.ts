import { isNodeTypeAvailable, nodeTypeDetailValue, type NodeType } from '@dws-console/shared';

export interface NodeTypeSpecs {
  vcpu?: number;
  memory?: number;
  storage?: number;
  storageType?: StorageType;
  isAvailable: boolean;
}

const storageTypes = ['LOCAL_DISK', 'SSD'] as const;
export type StorageType = (typeof storageTypes)[number];
const isStorageType = (type: string): type is StorageType =>
  (storageTypes as readonly string[]).includes(type);

/** The figures a buyer compares, read from the seed's `detail` list (storage is `LOCAL_DISK` or `SSD`). */
export function nodeTypeSpecs(nodeType: NodeType): NodeTypeSpecs {
  const storageEntry = nodeType.detail.find((d) => isStorageType(d.type));
  return {
    vcpu: nodeTypeDetailValue(nodeType, 'vCPU'),
    memory: nodeTypeDetailValue(nodeType, 'mem'),
    storage: storageEntry ? Number(storageEntry.value) : undefined,
    storageType: storageEntry && isStorageType(storageEntry.type) ? storageEntry.type : undefined,
    isAvailable: isNodeTypeAvailable(nodeType),
  };
}
