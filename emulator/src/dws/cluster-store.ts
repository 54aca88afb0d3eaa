import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterInfo } from '@dws-console/shared';

export interface ClusterRecord extends ClusterInfo {
  project_id: string;
}

interface State {
  clusters: ClusterRecord[];
}

/** The emulated cloud's metadata, written atomically to one JSON file so it survives restarts. */
export class ClusterStore {
  readonly #file: string;
  #state: State = { clusters: [] };

  constructor(dir: string) {
    this.#file = path.join(dir, 'state.json');
  }

  async load(): Promise<void> {
    try {
      this.#state = JSON.parse(await readFile(this.#file, 'utf8')) as State;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  list(projectId: string): ClusterRecord[] {
    return this.#state.clusters.filter((c) => c.project_id === projectId);
  }

  get(projectId: string, id: string): ClusterRecord | undefined {
    return this.#state.clusters.find((c) => c.project_id === projectId && c.id === id);
  }

  async save(): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, JSON.stringify(this.#state, null, 2));
    await rename(temp, this.#file);
  }
}

/** What the API shows of a record: everything but the emulator's own bookkeeping. */
export function toClusterInfo(record: ClusterRecord): ClusterInfo {
  const { project_id: _projectId, ...info } = record;
  return info;
}
