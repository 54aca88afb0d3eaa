export const nodeTypeKeys = {
  all: ['node-types'] as const,
  lists: () => [...nodeTypeKeys.all, 'list'] as const,
};
