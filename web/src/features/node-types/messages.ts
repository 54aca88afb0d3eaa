import { useMessages } from '../../lib/i18n.tsx';

const messages = {
  'zh-CN': {
    title: '节点规格',
    spec: '规格名称',
    vcpu: 'vCPU（核）',
    memory: '内存（GB）',
    storage: '存储（GB）',
    storageType: '存储类型',
    availability: '可用性',
    available: '可购买',
    soldOut: '已售罄',
    soldOutReason: '该规格在所有可用区均已售罄',
    zones: '可用区',
    'zone.byService': '不指定，由服务选择',
    empty: '没有可用的节点规格',
    'storage.LOCAL_DISK': '本地盘',
    'storage.SSD': 'SSD 云盘',
  },
  en: {
    title: 'Node types',
    spec: 'Spec name',
    vcpu: 'vCPUs',
    memory: 'Memory (GB)',
    storage: 'Storage (GB)',
    storageType: 'Storage type',
    availability: 'Availability',
    available: 'Available',
    soldOut: 'Sold out',
    soldOutReason: 'This node type is sold out in every availability zone',
    zones: 'Availability zones',
    'zone.byService': 'Not given: the service chooses',
    empty: 'No node types',
    'storage.LOCAL_DISK': 'Local disk',
    'storage.SSD': 'SSD cloud disk',
  },
} as const;

export function useNodeTypesT() {
  return useMessages<keyof (typeof messages)['zh-CN']>(messages);
}
