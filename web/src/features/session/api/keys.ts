export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
  projects: () => [...sessionKeys.all, 'projects'] as const,
  signIn: () => [...sessionKeys.all, 'sign-in'] as const,
};
