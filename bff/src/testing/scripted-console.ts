import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePki, type PkiFiles } from '@dws-console/emulator';
import type { AppDeps } from '../app.ts';
import { startHarness, type Harness, type HarnessOptions } from './harness.ts';
import { scriptedInstance, startScriptedUpstream, type ScriptedUpstream } from './sse-upstream.ts';

/** A fresh data folder holding the development PKI, which the console, the emulator and the stand-in share. */
export async function newDataDir(prefix: string): Promise<{ dataDir: string; pki: PkiFiles }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const { files } = await ensurePki(path.join(dataDir, 'pki'));
  return { dataDir, pki: files };
}

/** The console before the real emulator, with DBMind played by a stand-in the test scripts (sse-upstream.ts). */
export interface ScriptedConsole {
  harness: Harness;
  upstream: ScriptedUpstream;
  dataDir: string;
  close(): Promise<void>;
}

export interface ScriptedConsoleOptions extends Omit<HarnessOptions, 'dbmindEndpoint' | 'projectInstances'> {
  /** What the console is built with instead of the harness's own (a single sign-on client, a clock). */
  deps?: Partial<AppDeps>;
}

/**
 * Every session of the console may ask about the stand-in's one instance, so a question reaches the stand-in
 * without a DWS cluster behind it. In `dataDir` when given (its PKI is made if missing), else in a fresh folder.
 */
export async function startScriptedConsole({
  deps = {},
  ...options
}: ScriptedConsoleOptions = {}): Promise<ScriptedConsole> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'bff-scripted-')));
  await ensurePki(path.join(dataDir, 'pki'));
  const upstream = await startScriptedUpstream(dataDir);
  const harness = await startHarness(deps, {
    ...options,
    dataDir,
    dbmindEndpoint: upstream.url,
    projectInstances: [scriptedInstance],
  }).catch(async (error: unknown) => {
    await upstream.close();
    throw error;
  });
  return {
    harness,
    upstream,
    dataDir,
    async close() {
      await harness.close();
      await upstream.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
