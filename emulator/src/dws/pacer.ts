/** Demo-pace durations of the simulated parts of each task (EMULATOR_SPEED divides them). */
export const demoDurations = {
  create: 30_000,
  restore: 30_000,
  restart: 10_000,
  resize: 30_000,
  snapshot: 10_000,
  delete: 4_000,
} as const;

export class AbortedError extends Error {
  constructor() {
    super('the task was interrupted');
  }
}

/** One part of a task: real work, simulated waiting, or both, with its share of the progress. */
export interface Step {
  weight: number;
  /** Simulated waiting at demo pace, in ms. */
  waitMs?: number;
  run?: () => Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Runs a task's steps in order and reports progress as whole percentages: a step's share is counted once its
 * real work is done, and simulated waiting moves the bar as time passes. 100% is reported only at the very end.
 */
export class Pacer {
  constructor(readonly speed: number) {}

  wait(ms: number, signal: AbortSignal): Promise<void> {
    return sleep(ms / this.speed, signal);
  }

  async run(steps: Step[], signal: AbortSignal, report: (percent: number) => void): Promise<void> {
    const total = steps.reduce((sum, s) => sum + s.weight, 0) || 1;
    let done = 0;
    const show = (weight: number) => report(Math.min(99, Math.floor((100 * weight) / total)));
    show(0);
    for (const step of steps) {
      if (signal.aborted) throw new AbortedError();
      if (step.waitMs) {
        const wallMs = step.waitMs / this.speed;
        const ticks = Math.max(1, Math.min(20, Math.round(wallMs / 250)));
        for (let i = 1; i <= ticks; i++) {
          await sleep(wallMs / ticks, signal);
          show(done + (step.run ? 0.5 : 1) * step.weight * (i / ticks));
        }
      }
      if (step.run) {
        await step.run();
        if (signal.aborted) throw new AbortedError();
      }
      done += step.weight;
      show(done);
    }
  }
}
