export const chatKeys = {
  all: ['chat'] as const,
  models: () => [...chatKeys.all, 'models'] as const,
  clusters: () => [...chatKeys.all, 'clusters'] as const,
  access: () => [...chatKeys.all, 'access'] as const,
  binding: (clusterId: string) => [...chatKeys.all, 'binding', clusterId] as const,
  conversations: () => [...chatKeys.all, 'conversations'] as const,
  conversation: (id: string) => [...chatKeys.conversations(), id] as const,
};
