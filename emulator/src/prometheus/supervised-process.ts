import { WatchdogChild } from '../postgres/watchdog-child.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a daemon must keep running after its first answer to count as started. */
const startGraceMs = 1000;

/**
 * A monitoring daemon run under the same watchdog as the clusters' servers (`watchdog-child.ts`), so none outlives
 * the emulator. Output goes to `logFile`; secrets go in `env`, never in arguments, which `ps` shows.
 */
export class SupervisedProcess {
  #daemon: WatchdogChild | undefined;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { logFile: string; env?: Record<string, string> },
  ) {}

  get isRunning(): boolean {
    return this.#daemon?.isRunning ?? false;
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
    const daemon = await WatchdogChild.start({
      name: this.name,
      command: this.command,
      args: this.args,
      logFile: this.options.logFile,
      signal: 'TERM',
      env: this.options.env,
    });
    this.#daemon = daemon;
    const exitedAtStart = () => new Error(`${this.name} exited at start: see ${this.options.logFile}`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!daemon.isRunning) throw exitedAtStart();
      const ready = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) })
        .then(async (r) => r.ok && (await isOurs(r)))
        .catch(() => false);
      if (ready) {
        await sleep(startGraceMs);
        if (daemon.isRunning) return;
        throw exitedAtStart();
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(`${this.name} did not start within ${timeoutMs / 1000} s: see ${this.options.logFile}`);
  }

  /** Asks the daemon to stop and waits until it is gone (killing it after 20 s). */
  async stop(): Promise<void> {
    const daemon = this.#daemon;
    if (!daemon) return;
    await daemon.stop(20_000);
    if (this.#daemon === daemon) this.#daemon = undefined;
  }
}
