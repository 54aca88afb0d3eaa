// `npm run bench`: every figure from one run, written to bench/results/latest.{json,md}.
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchCapacity } from './capacity.ts';
import { benchEmulator } from './emulator-tasks.ts';
import { benchIam } from './iam.ts';
import { benchMonitoring } from './monitoring.ts';
import { benchRest } from './rest.ts';
import { benchSse } from './sse.ts';
import { compareWith, readPreviousRun, updateReadme, writeResults, type Figure } from './results.ts';
import { startStack, type BenchStack } from './stack.ts';
import { benchWeb } from './web.ts';
import { hasWrk } from './wrk.ts';

const { values: args } = parseArgs({
  options: {
    /** `--only=rest,sse` runs some sections (while working on one); the file is written either way. */
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    /** `--compare bench/results/before.json` prints each figure beside that run's. */
    compare: { type: 'string' },
  },
  strict: true,
});
const verbose = args.verbose;
const log = (line: string) => {
  if (verbose || !line.startsWith('[')) console.log(line);
};

if (!hasWrk()) throw new Error('wrk is missing: scripts/bench.mjs installs it with apt-get');

/**
 * The sections, in the order they run. The emulator goes first: the clusters and the snapshot it leaves give
 * the other sections real resources to list and open.
 */
const sections: {
  name: string;
  run: (stack: BenchStack, log: (line: string) => void) => Promise<Figure[]>;
}[] = [
  { name: 'emulator', run: benchEmulator },
  { name: 'iam', run: benchIam },
  { name: 'rest', run: benchRest },
  { name: 'sse', run: benchSse },
  // After the sections that hold the console to its peers: the topology as deployed, for the sizing table.
  { name: 'capacity', run: benchCapacity },
  { name: 'monitoring', run: benchMonitoring },
  // Last: it adds a cluster to the emulator, which the other sections' lists would then carry.
  { name: 'web', run: benchWeb },
];

const only = args.only?.split(',');
const unknown = only?.filter((name) => !sections.some((s) => s.name === name)) ?? [];
if (unknown.length > 0)
  throw new Error(
    `--only: no section ${unknown.join(', ')} (sections: ${sections.map((s) => s.name).join(', ')})`,
  );

const previous = args.compare ? await readPreviousRun(args.compare) : undefined;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const started = Date.now();
const loadBefore = load();
const figures: Figure[] = [];
const stack = await startStack(log);
// Ctrl-C or a stray failure still stops every process the bench started (PostgreSQL servers included).
const abandon = (reason: string, code: number) => {
  console.error(`bench: ${reason}; stopping`);
  void stack.stop().finally(() => process.exit(code));
};
process.once('SIGINT', () => abandon('interrupted', 130));
process.once('SIGTERM', () => abandon('terminated', 143));
process.once('unhandledRejection', (error) => abandon(`unexpected failure: ${String(error)}`, 1));
try {
  for (const section of sections) {
    if (only && !only.includes(section.name)) continue;
    const sectionStarted = Date.now();
    figures.push(...(await section.run(stack, log)));
    log(`${section.name}: done in ${((Date.now() - sectionStarted) / 1000).toFixed(0)} s`);
  }
} finally {
  await stack.stop();
}

const markdown = await writeResults(figures, {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  load: `load average ${loadBefore} before, ${load()} after (1, 5, 15 min)`,
  seconds: Math.round((Date.now() - started) / 1000),
  sections: only ?? sections.map((s) => s.name),
  note: process.env.BENCH_NOTE,
});
console.log(`\n${markdown}`);
if (previous) console.log(`\n${compareWith(figures, previous)}`);
// Only a run of every section stands for the console in the README.
if (!only) {
  console.log(
    (await updateReadme(markdown))
      ? 'README.md: Benchmarks table updated'
      : 'README.md: not updated (no bench markers, or prettier failed)',
  );
}
