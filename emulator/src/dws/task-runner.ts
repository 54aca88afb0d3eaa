import { dwsErrors } from '@dws-console/shared';
import { dwsTime } from './cluster-view.ts';
import { AbortedError } from './pacer.ts';
import type { ClusterFields, ClusterRecord, Operation, StateStore } from './state-store.ts';

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs clusters' tasks in the background, one at a time per cluster. Each task is written down before it starts
 * (`begin`), so an emulator that stops half-way knows at its next start what to resume or fail.
 */
export class TaskRunner {
  readonly #tasks = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(
    readonly store: StateStore,
    readonly now: () => number,
    readonly log: (message: string) => void,
  ) {}

  /** Runs a cluster's task. An interruption by `interruptAll()` leaves its record for the next start. */
  launch(
    record: ClusterRecord,
    work: (signal: AbortSignal) => Promise<void>,
    onFailure: (error: unknown) => Promise<void>,
  ): void {
    const id = record.fields.id;
    const controller = new AbortController();
    const done = (async () => {
      try {
        await work(controller.signal);
      } catch (error) {
        if (controller.signal.aborted || error instanceof AbortedError) return;
        this.log(
          `cluster ${record.fields.name} (${id}): ${record.local.operation?.kind ?? 'task'} failed: ${reason(error)}`,
        );
        await onFailure(error).catch((failure: unknown) =>
          this.log(`could not record the failure: ${reason(failure)}`),
        );
      }
    })().finally(() => {
      if (this.#tasks.get(id)?.controller === controller) this.#tasks.delete(id);
    });
    this.#tasks.set(id, { controller, done });
  }

  async interruptAll(): Promise<void> {
    for (const task of this.#tasks.values()) task.controller.abort();
    await Promise.all([...this.#tasks.values()].map((task) => task.done));
  }

  async begin(
    record: ClusterRecord,
    operation: Operation,
    change: (fields: ClusterFields) => void,
  ): Promise<void> {
    record.local.operation = operation;
    change(record.fields);
    this.touch(record);
    await this.store.save();
  }

  async finish(record: ClusterRecord, change: (fields: ClusterFields) => void): Promise<void> {
    record.local.operation = null;
    change(record.fields);
    record.fields.recent_event += 1;
    this.touch(record);
    await this.store.save();
  }

  /**
   * Ends a task that failed: applies `change`, and when `summary` is given shows it with the cause in
   * `failed_reasons` (a failed snapshot leaves its healthy cluster without one).
   */
  async recordFailure(
    record: ClusterRecord,
    summary: string | null,
    error: unknown,
    change: (fields: ClusterFields) => void,
  ): Promise<void> {
    record.local.operation = null;
    change(record.fields);
    if (summary !== null) {
      record.fields.failed_reasons = {
        error_code: dwsErrors.internal.errorCode,
        error_msg: `${summary}: ${reason(error)}`,
      };
    }
    this.touch(record);
    await this.store.save();
  }

  progress(record: ClusterRecord, key: string): (percent: number) => void {
    return (percent) => {
      record.fields.action_progress = { [key]: `${percent}%` };
    };
  }

  touch(record: ClusterRecord): void {
    record.fields.updated = dwsTime(this.now());
  }
}
