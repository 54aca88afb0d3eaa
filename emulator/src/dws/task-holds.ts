import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AbortedError } from './pacer.ts';
import type { ClusterRecord, Operation } from './state-store.ts';

export const holdableTasks = ['create', 'restore', 'restart', 'resize', 'snapshot', 'delete'] as const;
export type HoldableTask = (typeof holdableTasks)[number];

export const holdRequestSchema = z.strictObject({
  task: z.enum(holdableTasks),
  /** A cluster's name or id; every cluster when absent. */
  cluster: z.string().min(1).max(64).optional(),
});
export type HoldRequest = z.infer<typeof holdRequestSchema>;

export interface HoldView extends HoldRequest {
  id: string;
  /** The clusters whose task waits at this hold now. */
  held: { id: string; name: string }[];
}

interface Hold extends HoldRequest {
  id: string;
  held: Map<string, string>;
  release: Promise<void>;
  open: () => void;
}

/**
 * Holds a task in its transitional state (CREATING, REBOOTING, GROWING, RESTORING, SNAPSHOTTING, DELETING) after
 * its real work and before it finishes, until the hold is released: tests and demos see those states for as long
 * as they need instead of racing a simulated duration.
 */
export class TaskHolds {
  readonly #holds = new Map<string, Hold>();

  add(request: HoldRequest): HoldView {
    let open = () => undefined as void;
    const release = new Promise<void>((resolve) => {
      open = resolve;
    });
    const hold: Hold = { ...request, id: randomUUID(), held: new Map(), release, open };
    this.#holds.set(hold.id, hold);
    return view(hold);
  }

  list(): HoldView[] {
    return [...this.#holds.values()].map(view);
  }

  /** Lets every task waiting at the hold go on; false when there is no such hold. */
  release(id: string): boolean {
    const hold = this.#holds.get(id);
    if (!hold) return false;
    this.#holds.delete(id);
    hold.open();
    return true;
  }

  releaseAll(): void {
    for (const id of [...this.#holds.keys()]) this.release(id);
  }

  /** Waits while a hold matches this task of this cluster; an interrupted task stops waiting. */
  async pass(task: Operation['kind'], record: ClusterRecord, signal: AbortSignal): Promise<void> {
    const { id, name } = record.fields;
    for (;;) {
      const hold = [...this.#holds.values()].find(
        (h) => h.task === task && (h.cluster === undefined || h.cluster === id || h.cluster === name),
      );
      if (!hold) return;
      hold.held.set(id, name);
      try {
        await new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(new AbortedError());
          const onAbort = () => reject(new AbortedError());
          signal.addEventListener('abort', onAbort, { once: true });
          void hold.release.then(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      } finally {
        hold.held.delete(id);
      }
    }
  }
}

function view(hold: Hold): HoldView {
  return {
    id: hold.id,
    task: hold.task,
    ...(hold.cluster === undefined ? {} : { cluster: hold.cluster }),
    held: [...hold.held].map(([id, name]) => ({ id, name })),
  };
}
