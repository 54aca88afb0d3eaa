import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,bff,emulator,web}/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
