import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Service {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The last lines each child wrote, so a process that dies while starting says why even without --verbose. */
const lastLines = new WeakMap<ChildProcess, string[]>();

/** Waits until an HTTPS URL answers at all, or the child dies, or time runs out. */
export async function waitForHttps(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const output = (lastLines.get(child) ?? []).join('\n');
      throw new Error(`${url}: the process exited with ${child.exitCode}${output ? `:\n${output}` : ''}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(url, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Starts an entry point in its own process (TypeScript through tsx, a built `.js` as it is); its output goes to
 * the bench log, prefixed. `nodeArgs` go to Node itself (`--cpu-prof`).
 */
export function startTs(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Service {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  lastLines.set(child, lines);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (!line.trim()) continue;
        log(`[${name}] ${line}`);
        lines.push(line);
        if (lines.length > 20) lines.shift();
      }
    });
  }
  return { name, child, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
