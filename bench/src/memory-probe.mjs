// Loaded into a BFF the bench measures (node --import): on SIGUSR2 it writes where the process's memory is,
// as Node sees it, and the garbage collector's pauses so far, to BENCH_MEMORY_PROBE. Plain JavaScript, so it
// loads before tsx does.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

const file = process.env.BENCH_MEMORY_PROBE;
if (file) {
  // Every pause stops every stream the process relays: their number and length, the longest since the last probe.
  const gc = { count: 0, totalMs: 0, longestMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.longestMs = Math.max(gc.longestMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    const resources = {};
    for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
    );
    writeFileSync(
      file,
      JSON.stringify({ at: Date.now(), memory: process.memoryUsage(), spaces, resources, gc: { ...gc } }),
    );
    gc.longestMs = 0;
  });
}
