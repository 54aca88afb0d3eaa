// Loaded into a BFF the bench measures (node --import): on SIGUSR2 it writes where the process's memory is,
// as Node sees it, to BENCH_MEMORY_PROBE. Plain JavaScript, so it loads before tsx does.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.BENCH_MEMORY_PROBE;
if (file) {
  process.on('SIGUSR2', () => {
    const resources = {};
    for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
    );
    writeFileSync(file, JSON.stringify({ at: Date.now(), memory: process.memoryUsage(), spaces, resources }));
  });
}
