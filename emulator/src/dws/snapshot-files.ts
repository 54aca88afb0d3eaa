import { rm } from 'node:fs/promises';
import path from 'node:path';
import { partialDir } from '../postgres/dumps.ts';

/** Where each snapshot's archives live: `DATA_DIR/emulator/snapshots/<id>`. */
export class SnapshotFiles {
  constructor(readonly root: string) {}

  dirOf(id: string): string {
    return path.join(this.root, id);
  }

  async remove(id: string): Promise<void> {
    const dir = this.dirOf(id);
    await rm(partialDir(dir), { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
