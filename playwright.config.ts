import { defineConfig } from '@playwright/test';
import {
  consolePort as port,
  devIdpPort,
  emulatorDbmindPort,
  emulatorPort,
  heldModelPort,
} from './e2e/ports.ts';

/**
 * Journeys run against their own console, emulator and data folder, on ports of their own
 * (`E2E_PORT` moves them all, so two checkouts can run their journeys side by side).
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Runs in front of several console processes: playwright.multi-process.config.ts.
  testIgnore: 'multi-process.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `https://localhost:${port}`,
    ignoreHTTPSErrors: true,
    // The console honours the system's wish for less motion: dialogs and menus then appear at once, so no click
    // lands on a dialog still zooming in (e2e/login.spec.ts checks both settings).
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node scripts/start.mjs --skip-install',
    url: `https://127.0.0.1:${port}/healthz`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_DBMIND_PORT: String(emulatorDbmindPort),
      DEV_IDP_PORT: String(devIdpPort),
      DATA_DIR: '.data/e2e',
      LOG_LEVEL: 'info',
      // The demo cluster is ready in seconds and DBMind notices it quickly: journeys wait less.
      EMULATOR_SPEED: '50',
      EMULATOR_PG_FSYNC: 'off',
      EMULATOR_DBMIND_SAMPLE_SECONDS: '2',
      // A model endpoint that the answer-control journeys serve themselves (e2e/held-model.ts) and hold
      // mid-answer; DBMind lists its model only while it answers, so other journeys never see it.
      EMULATOR_DBMIND_LLM_BASE_URL: `http://127.0.0.1:${heldModelPort}/v1`,
      EMULATOR_DBMIND_LLM_TIMEOUT_SECONDS: '300',
    },
  },
});
