import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';

/** CPU, memory and disk of this machine, where the emulator's PostgreSQL servers run. */
export class HostMetrics {
  #lastCpu: { user: number; total: number } | undefined;

  /** Share of CPU time spent in user mode since the previous call (undefined on the first call). */
  cpuUserUsage(): number | undefined {
    const cpus = os.cpus();
    let user = 0;
    let total = 0;
    for (const cpu of cpus) {
      user += cpu.times.user + cpu.times.nice;
      total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
    }
    const last = this.#lastCpu;
    this.#lastCpu = { user, total };
    if (!last || total <= last.total) return undefined;
    return ((user - last.user) / (total - last.total)) * 100;
  }

  /** Used memory in percent, counting reclaimable cache as free (Linux `MemAvailable`). */
  async memUsage(): Promise<number> {
    try {
      const info = await readFile('/proc/meminfo', 'utf8');
      const total = /MemTotal:\s+(\d+)/.exec(info)?.[1];
      const available = /MemAvailable:\s+(\d+)/.exec(info)?.[1];
      if (total && available) return (1 - Number(available) / Number(total)) * 100;
    } catch {
      // Not Linux: fall back to what Node knows.
    }
    return (1 - os.freemem() / os.totalmem()) * 100;
  }

  /** Used space of the file system holding `dir`, in percent. */
  async diskUsage(dir: string): Promise<number | undefined> {
    try {
      const fs = await statfs(dir);
      const total = fs.blocks * fs.bsize;
      const free = fs.bavail * fs.bsize;
      return total > 0 ? ((total - free) / total) * 100 : undefined;
    } catch {
      return undefined;
    }
  }
}
