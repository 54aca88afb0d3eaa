import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { traceRetentionMs, traceSchema, type Trace, type TraceListQuery } from '@dws-console/shared';

const projectFile = /^([0-9a-f]{32})\.jsonl$/;

/** The query's filters that compare one field of a trace with the value asked for. */
const exactFilters = [
  'service_type',
  'resource_type',
  'resource_id',
  'resource_name',
  'trace_name',
  'trace_id',
  'trace_rating',
] as const;

export interface TracePage {
  traces: Trace[];
  /** The last trace's id when more follow. */
  marker: string | null;
}

/**
 * Every project's traces in a file of its own (`<project id>.jsonl`), one line per trace, appended as they
 * happen: a project's traces never share a file, or a read, with another's. What is older than the retention
 * is dropped when the store opens.
 */
export class TraceStore {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #byProject = new Map<string, Trace[]>();
  #writing: Promise<void> = Promise.resolve();
  #isClosed = false;

  private constructor(dir: string, now: () => number) {
    this.#dir = dir;
    this.#now = now;
  }

  static async open(dir: string, now: () => number = Date.now): Promise<TraceStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new TraceStore(dir, now);
    const oldest = now() - traceRetentionMs;
    for (const name of await readdir(dir)) {
      const projectId = projectFile.exec(name)?.[1];
      if (!projectId) continue;
      const traces = (await readFile(path.join(dir, name), 'utf8')).split('\n').flatMap((line) => {
        // A line cut short by a crash is the only kind that fails; the rest of the file is still good.
        try {
          const parsed = traceSchema.safeParse(JSON.parse(line));
          return parsed.success && parsed.data.time >= oldest ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
      traces.sort((a, b) => a.time - b.time);
      store.#byProject.set(projectId, traces);
      const file = path.join(dir, name);
      await writeFile(`${file}.tmp`, traces.map((t) => `${JSON.stringify(t)}\n`).join(''), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    }
    return store;
  }

  /** Resolves once the trace is on disk. */
  record(projectId: string, trace: Trace): Promise<void> {
    if (this.#isClosed || !/^[0-9a-f]{32}$/.test(projectId)) return Promise.resolve();
    const traces = this.#byProject.get(projectId) ?? [];
    // A trace is timed when its call began and recorded when it ended: a long call's goes before quicker ones'.
    let at = traces.length;
    while (at > 0 && (traces[at - 1]?.time ?? 0) > trace.time) at -= 1;
    traces.splice(at, 0, trace);
    this.#byProject.set(projectId, traces);
    const line = `${JSON.stringify(trace)}\n`;
    const written = this.#writing.then(() =>
      appendFile(path.join(this.#dir, `${projectId}.jsonl`), line, { mode: 0o600 }),
    );
    // One failed write (a full disk) must not stop every later one.
    this.#writing = written.catch(() => undefined);
    return written;
  }

  /**
   * Newest first. `next` is the marker of the page before, so a page never repeats or skips a trace even when
   * new ones arrive in between. Answers undefined when `next` names no trace of this project.
   */
  list(projectId: string, query: TraceListQuery): TracePage | undefined {
    const now = this.#now();
    const from = Math.max(query.from ?? 0, now - traceRetentionMs);
    const to = query.to ?? now;
    const all = [...(this.#byProject.get(projectId) ?? [])].reverse();
    let start = 0;
    if (query.next !== undefined) {
      start = all.findIndex((t) => t.trace_id === query.next) + 1;
      if (start === 0) return undefined;
    }
    const selected: Trace[] = [];
    let marker: string | null = null;
    if (query.trace_type === 'system') {
      for (const trace of all.slice(start)) {
        if (trace.time < from || trace.time > to) continue;
        if (exactFilters.some((key) => query[key] !== undefined && trace[key] !== query[key])) continue;
        if (query.user !== undefined && trace.user.name !== query.user) continue;
        if (selected.length === query.limit) {
          marker = selected.at(-1)?.trace_id ?? null;
          break;
        }
        selected.push(trace);
      }
    }
    return { traces: selected, marker };
  }

  /** Waits for the traces being written; a call that ends after this leaves none (the emulator is stopping). */
  async close(): Promise<void> {
    this.#isClosed = true;
    await this.#writing;
  }
}
