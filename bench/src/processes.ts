import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** The processes whose parent is `pid` (nginx's workers under its master). */
export async function childrenOf(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return children.split(' ').filter(Boolean).map(Number);
}

/**
 * CPU seconds (user + system) a process and its children have used so far. On a machine shared with other work
 * the CPU a relay spends per event or request moves far less than its latency or throughput.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  let total = 0;
  for (const id of [pid, ...(await childrenOf(pid))]) {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 12 and 13.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / ticksPerSecond;
  }
  return total;
}
