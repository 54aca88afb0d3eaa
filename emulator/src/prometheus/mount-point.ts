import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The mount point of the file system holding `dir`: the longest mount point that contains it. */
export async function mountPointOf(dir: string): Promise<string> {
  const target = path.resolve(dir);
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  let best = '/';
  for (const line of mounts.split('\n')) {
    // Spaces in mount points are written as \040.
    const point = line.split(' ')[1]?.replace(/\\040/g, ' ');
    if (!point) continue;
    const inside = target === point || target.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && point.length > best.length) best = point;
  }
  return best;
}
