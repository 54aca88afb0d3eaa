import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import net from 'node:net';
import { watchdogScript } from '../postgres/server.ts';

/** A free TCP port on 127.0.0.1, for an exporter or Prometheus asked to listen on port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a daemon must keep running after its first answer to count as started. */
const startGraceMs = 1000;

/**
 * A monitoring daemon run under the same watchdog shell as the clusters' servers: when the emulator exits, even
 * killed, the pipe closes and the daemon gets SIGTERM, so none outlives it. Output goes to `logFile`; secrets
 * go in `env`, never in arguments, which `ps` shows.
 */
export class SupervisedProcess {
  #child: ChildProcess | undefined;
  #exited: Promise<number | null> | undefined;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { logFile: string; env?: Record<string, string> },
  ) {}

  get isRunning(): boolean {
    return this.#child !== undefined;
  }

  /**
   * Starts the daemon and waits until `readyUrl` answers 200 (or the daemon exits, which fails). A port picked
   * free may be taken by another program before the daemon binds it, and that program may answer in its stead:
   * `isOurs` tells our daemon's answer from another's, and the daemon must still run a moment after the answer
   * (one that could not bind exits at once).
   */
  async start(
    readyUrl: string,
    timeoutMs = 30_000,
    isOurs: (response: Response) => Promise<boolean> = () => Promise.resolve(true),
  ): Promise<void> {
    const log = await open(this.options.logFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn('/bin/sh', ['-c', watchdogScript('TERM'), this.name, this.command, ...this.args], {
        cwd: '/',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...this.options.env },
        stdio: ['pipe', log.fd, log.fd],
      });
    } finally {
      await log.close();
    }
    child.stdin?.on('error', () => undefined);
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.#exited.then(() => {
      if (this.#child === child) this.#child = undefined;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#child !== child) {
        throw new Error(`${this.name} exited at start: see ${this.options.logFile}`);
      }
      const ready = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) })
        .then(async (r) => r.ok && (await isOurs(r)))
        .catch(() => false);
      if (ready) {
        await sleep(startGraceMs);
        if (this.#child === child) return;
        throw new Error(`${this.name} exited at start: see ${this.options.logFile}`);
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(`${this.name} did not start within ${timeoutMs / 1000} s: see ${this.options.logFile}`);
  }

  /** Asks the daemon to stop and waits until it is gone (killing it after 20 s). */
  async stop(): Promise<void> {
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited) return;
    child.stdin?.end('stop\n');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), 20_000);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
    this.#child = undefined;
  }
}
