// `npm run bench`: every figure from one run, written to bench/results/latest.{json,md}.
import { cpus, totalmem } from 'node:os';
import { benchRest } from './rest.ts';
import { benchSse } from './sse.ts';
import { writeResults, type Figure } from './results.ts';
import { startStack } from './stack.ts';
import { benchWeb } from './web.ts';
import { hasWrk } from './wrk.ts';

const verbose = process.argv.includes('--verbose');
const log = (line: string) => {
  if (verbose || !line.startsWith('[')) console.log(line);
};

if (!hasWrk()) throw new Error('wrk is missing: scripts/bench.mjs installs it with apt-get');

/** `--only=rest,sse` runs some sections (while working on one); the file is written either way. */
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (section: string) => !only || only.includes(section);
/** `--ports-from=42000` moves the stack and every server a benchmark starts to ten ports from there. */
const portBase = Number(
  process.argv.find((arg) => arg.startsWith('--ports-from='))?.slice('--ports-from='.length) ?? 7443,
);
if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_525) {
  throw new Error('--ports-from must be a port number from 1024 to 65525');
}

const figures: Figure[] = [];
const stack = await startStack(log, portBase);
try {
  if (wanted('rest')) figures.push(...(await benchRest(stack, log)));
  if (wanted('sse')) figures.push(...(await benchSse(stack, log)));
  // Last: it adds a cluster to the emulator, which the other sections' lists would then carry.
  if (wanted('web')) figures.push(...(await benchWeb(stack, log)));
} finally {
  await stack.stop();
}

const markdown = await writeResults(figures, {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
});
console.log(`\n${markdown}`);
