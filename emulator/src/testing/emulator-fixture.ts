import { afterAll, beforeAll } from 'vitest';
import type { EmulatorOptions } from '../emulator.ts';
import {
  DwsClient,
  makeDataDir,
  removeDataDir,
  startTestEmulator,
  users,
  type TestEmulator,
} from './harness.ts';

export interface EmulatorFixture {
  readonly dataDir: string;
  readonly emulator: TestEmulator;
  /** The demo administrator, logged in to the first project. */
  readonly admin: DwsClient;
}

/**
 * One emulator for the test file that calls this at its top: started before its first test (the file's own
 * `beforeAll` hooks run after, so they can use it), stopped and its data removed after the last.
 */
export function useTestEmulator(
  prefix: string,
  settings: Parameters<typeof startTestEmulator>[1] = {},
  options: EmulatorOptions = {},
): EmulatorFixture {
  let started: { dataDir: string; emulator?: TestEmulator; admin?: DwsClient } | undefined;
  beforeAll(async () => {
    started = { dataDir: await makeDataDir(prefix) };
    started.emulator = await startTestEmulator(started.dataDir, settings, options);
    started.admin = await DwsClient.login(started.emulator, users.admin);
  });
  afterAll(async () => {
    await started?.emulator?.close();
    await removeDataDir(started?.dataDir);
  });
  const ready = () => {
    if (!started?.emulator || !started.admin) throw new Error(`the ${prefix} emulator is not started yet`);
    return { dataDir: started.dataDir, emulator: started.emulator, admin: started.admin };
  };
  return {
    get dataDir() {
      return ready().dataDir;
    },
    get emulator() {
      return ready().emulator;
    },
    get admin() {
      return ready().admin;
    },
  };
}
