import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';
import { balancerPort, multiDevIdpPort, multiEmulatorDbmindPort, multiEmulatorPort } from './e2e/ports.ts';

/**
 * The production topology on one machine: nginx on `balancerPort` in front of three console processes
 * that share Redis (`npm start -- --processes 3`), with their own emulator and data folder.
 */
export default defineConfig({
  ...base,
  testMatch: 'multi-process.spec.ts',
  testIgnore: [],
  // The console processes' audit entries, out of Redis before it stops, for the secret scan.
  globalTeardown: './e2e/multi-process-teardown.mjs',
  use: { ...base.use, baseURL: `https://localhost:${balancerPort}` },
  webServer: {
    ...base.webServer,
    command: 'node scripts/start.mjs --skip-install --processes 3',
    url: `https://127.0.0.1:${balancerPort}/healthz`,
    env: {
      ...(Array.isArray(base.webServer) ? {} : base.webServer?.env),
      PORT: String(balancerPort),
      EMULATOR_PORT: String(multiEmulatorPort),
      EMULATOR_DBMIND_PORT: String(multiEmulatorDbmindPort),
      DEV_IDP_PORT: String(multiDevIdpPort),
      DATA_DIR: '.data/e2e-multi-process',
    },
  },
});
