export const chatKeys = {
  all: ['chat'] as const,
  models: () => [...chatKeys.all, 'models'] as const,
  clusters: () => [...chatKeys.all, 'clusters'] as const,
  access: () => [...chatKeys.all, 'access'] as const,
};
