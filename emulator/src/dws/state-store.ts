import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  ClusterStatus,
  ClusterSubStatus,
  ClusterTaskStatus,
  FailedReason,
  MaintainWindow,
  ParameterGroup,
  SnapshotStatus,
} from '@dws-console/shared';

export interface PublicIp {
  public_bind_type: string;
  eip_id?: string;
}

export interface ResizeInfoView {
  target_node_num: number;
  origin_node_num: number;
  resize_status: string;
  start_time: string;
  origin_node_type?: string;
  target_node_type?: string;
}

/** The ClusterDetail fields (seed table 5-19) the emulator keeps; endpoints are derived from the real port. */
export interface ClusterFields {
  id: string;
  name: string;
  status: ClusterStatus;
  sub_status: ClusterSubStatus;
  task_status: ClusterTaskStatus | null;
  action_progress: Record<string, string> | null;
  node_type: string;
  node_type_id: string;
  subnet_id: string;
  security_group_id: string;
  vpc_id: string;
  availability_zone: string;
  /** The port the user asked for; the server listens on `local.port` (decision 004). */
  port: number;
  number_of_node: number;
  number_of_cn: number;
  version: string;
  user_name: string;
  public_ip: PublicIp | null;
  enterprise_project_id: string;
  created: string;
  updated: string;
  maintain_window: MaintainWindow;
  resize_info: ResizeInfoView | null;
  parameter_group: ParameterGroup;
  tags: { key: string; value: string }[];
  recent_event: number;
  failed_reasons: FailedReason | null;
}

/** A running task, written down before it starts so a restart of the emulator knows what was interrupted. */
export type Operation =
  | { kind: 'create' }
  | { kind: 'restore'; snapshotId: string }
  | { kind: 'restart' }
  | { kind: 'resize'; target: number }
  | { kind: 'snapshot'; snapshotId: string }
  | { kind: 'reset-password'; password: string }
  | { kind: 'delete'; keepLastManualSnapshot: number };

/** What only the emulator knows. The admin password is kept so DBMind can connect; the state file is 0600. */
export interface ClusterLocal {
  /** The real 127.0.0.1 port of the cluster's server, null before it first started. */
  port: number | null;
  adminPassword: string;
  superPassword: string;
  /** Salted hashes of earlier administrator passwords (a reset may not reuse one). */
  passwordHistory: string[];
  operation: Operation | null;
}

export interface ClusterRecord {
  projectId: string;
  fields: ClusterFields;
  local: ClusterLocal;
}

/** SnapshotDetail (seed table 5-59). */
export interface SnapshotFields {
  id: string;
  name: string;
  description: string;
  started: string;
  finished: string | null;
  size: number | null;
  status: SnapshotStatus;
  type: 'MANUAL' | 'AUTO';
  cluster_id: string;
}

/** The source cluster as it was when the snapshot was taken: a restore starts from this. */
export interface SnapshotSource {
  node_type: string;
  node_type_id: string;
  number_of_node: number;
  number_of_cn: number;
  subnet_id: string;
  security_group_id: string;
  vpc_id: string;
  availability_zone: string;
  port: number;
  user_name: string;
  adminPassword: string;
  passwordHistory: string[];
  public_ip: PublicIp | null;
  enterprise_project_id: string;
}

export interface SnapshotRecord {
  projectId: string;
  fields: SnapshotFields;
  source: SnapshotSource;
}

interface State {
  clusters: ClusterRecord[];
  snapshots: SnapshotRecord[];
}

/**
 * The emulated cloud's metadata in one JSON file, replaced atomically (write, then rename) so a crash leaves
 * either the old or the new state. Writes are queued: the file always ends with the latest state.
 */
export class StateStore {
  readonly #file: string;
  #state: State = { clusters: [], snapshots: [] };
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.#file = path.join(dir, 'state.json');
  }

  async load(): Promise<void> {
    try {
      const loaded = JSON.parse(await readFile(this.#file, 'utf8')) as Partial<State>;
      this.#state = { clusters: loaded.clusters ?? [], snapshots: loaded.snapshots ?? [] };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  get clusters(): ClusterRecord[] {
    return this.#state.clusters;
  }

  get snapshots(): SnapshotRecord[] {
    return this.#state.snapshots;
  }

  addCluster(record: ClusterRecord): void {
    this.#state.clusters.push(record);
  }

  removeCluster(id: string): void {
    this.#state.clusters = this.#state.clusters.filter((c) => c.fields.id !== id);
  }

  addSnapshot(record: SnapshotRecord): void {
    this.#state.snapshots.push(record);
  }

  removeSnapshot(id: string): void {
    this.#state.snapshots = this.#state.snapshots.filter((s) => s.fields.id !== id);
  }

  save(): Promise<void> {
    const next = this.#writing.then(() => this.#write());
    this.#writing = next.catch(() => undefined);
    return next;
  }

  async #write(): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, JSON.stringify(this.#state, null, 2), { mode: 0o600 });
    await rename(temp, this.#file);
  }
}
