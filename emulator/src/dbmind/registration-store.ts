import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A cluster registered with `POST /v1/api/clusters/register`: the account DBMind's tools log in with. */
export interface Registration {
  clusterName: string;
  host: string;
  port: number;
  username: string;
  password: string;
  registeredAt: string;
}

const fileSchema = z.object({
  registrations: z.array(
    z.object({
      clusterName: z.string(),
      host: z.string(),
      port: z.number().int(),
      username: z.string(),
      password: z.string(),
      registeredAt: z.string(),
    }),
  ),
});

/**
 * Registrations survive restarts in `<dir>/registrations.json` (mode 600: it holds the registered passwords),
 * written to a temporary file and renamed so a crash never leaves half a file. Writes are serialised.
 */
export class RegistrationStore {
  readonly #file: string;
  #registrations: Registration[] = [];
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.#file = path.join(dir, 'registrations.json');
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.#file} is not a DBMind registration file`);
    this.#registrations = parsed.data.registrations;
  }

  list(): Registration[] {
    return this.#registrations.map((r) => ({ ...r }));
  }

  byName(clusterName: string): Registration | undefined {
    return this.#registrations.find((r) => r.clusterName === clusterName);
  }

  byAddress(matches: (r: Registration) => boolean): Registration | undefined {
    return this.#registrations.find(matches);
  }

  /** Replaces any registration of the same instance (an instance has one registration). */
  async put(registration: Registration, sameInstance: (r: Registration) => boolean): Promise<void> {
    this.#registrations = [...this.#registrations.filter((r) => !sameInstance(r)), registration];
    await this.#save();
  }

  #save(): Promise<void> {
    const snapshot = JSON.stringify({ registrations: this.#registrations }, null, 2);
    this.#writing = this.#writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(path.dirname(this.#file), { recursive: true });
        const temp = `${this.#file}.${process.pid}.tmp`;
        await writeFile(temp, snapshot, { mode: 0o600 });
        await chmod(temp, 0o600);
        await rename(temp, this.#file);
      });
    return this.#writing;
  }
}
