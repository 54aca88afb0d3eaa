import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RunAs } from './run-as.ts';

export interface ToolOptions {
  runAs?: RunAs;
  /** Extra environment (e.g. PGPASSWORD): secrets go here, never into arguments, which `ps` shows. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  cwd?: string;
}

export class ToolError extends Error {
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${tool} failed (${exitCode ?? 'killed'}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
}

/** Runs one of PostgreSQL's programs to completion and returns its output; fails with its last stderr lines. */
export function runTool(
  binDir: string,
  tool: string,
  args: string[],
  options: ToolOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir, tool), args, {
      cwd: options.cwd ?? '/',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.runAs ?? {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    child.once('error', (error) => reject(error));
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new ToolError(tool, code, stderr));
    });
  });
}
