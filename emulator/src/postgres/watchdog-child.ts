import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { RunAs } from './run-as.ts';

/**
 * The shell every long-running program of the emulator runs under. It holds the emulator's end of a pipe: when
 * the emulator exits for any reason (even SIGKILL) the pipe closes and the shell sends the program `signal`, so no
 * server or daemon outlives the emulator that started it. Writing to or closing the pipe is also how `stop()` works.
 */
const watchdogScript = (signal: 'INT' | 'TERM') =>
  [
    'exec 3<&0',
    '"$@" </dev/null &',
    'pid=$!',
    `( read _line <&3; kill -${signal} "$pid" 2>/dev/null ) &`,
    'watcher=$!',
    'wait "$pid"',
    'status=$?',
    'kill "$watcher" 2>/dev/null',
    'exit $status',
  ].join('\n');

export interface WatchdogChildOptions {
  /** The shell's `$0`, which `ps` shows beside the program. */
  name: string;
  command: string;
  args: string[];
  /** Output is appended here, readable by the emulator's user only. */
  logFile: string;
  /** What the watchdog sends when asked to stop: PostgreSQL's fast shutdown is INT, a daemon's TERM. */
  signal: 'INT' | 'TERM';
  /** Secrets go here, never in `args`, which `ps` shows to every user. */
  env?: Record<string, string>;
  runAs?: RunAs;
}

/** One program under the watchdog shell, from its start until it has exited. */
export class WatchdogChild {
  /** The exit code (null after a signal); settles once the program and its shell are gone. */
  readonly exited: Promise<number | null>;
  #running = true;

  private constructor(readonly child: ChildProcess) {
    // An unexpected EPIPE on a dead watchdog must not crash the emulator.
    child.stdin?.on('error', () => undefined);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      this.#running = false;
    });
  }

  static async start(options: WatchdogChildOptions): Promise<WatchdogChild> {
    const log = await open(options.logFile, 'a', 0o600);
    try {
      const child = spawn(
        '/bin/sh',
        ['-c', watchdogScript(options.signal), options.name, options.command, ...options.args],
        {
          cwd: '/',
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...options.env },
          stdio: ['pipe', log.fd, log.fd],
          ...options.runAs,
        },
      );
      return new WatchdogChild(child);
    } finally {
      await log.close();
    }
  }

  get isRunning(): boolean {
    return this.#running;
  }

  /**
   * Asks the program to stop and waits until it is gone. After `graceMs`, `beforeKill` gets its chance (PostgreSQL's
   * postmaster is not the shell's child once the shell is killed) and the shell is killed.
   */
  async stop(graceMs: number, beforeKill?: () => Promise<void>): Promise<void> {
    this.child.stdin?.end('stop\n');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return;
    await beforeKill?.();
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
