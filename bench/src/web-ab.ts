// Compares built web apps by the clusters page, loads interleaved, on one stack:
//   node --import tsx bench/src/web-ab.ts [--rounds 11] DIST_A DIST_B [DIST_C [DIST_D]]
// (each DIST a built `web/dist` or `bench/peer-app/dist` copied aside). Five cold loads on a shared machine cannot
// tell a change of 10 % apart; this takes one change at a time, more rounds, the median of each round's ratio to
// the first app, and Chromium's main-thread task and script time, which move less with the machine's load.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ensureOneCluster } from './dws-api.ts';
import { startBff, startStack, type BenchStack } from './stack.ts';
import { chromiumArgs, loadClusters, loggedInContext, median } from './web.ts';

const { values, positionals: dists } = parseArgs({
  options: { rounds: { type: 'string', default: '11' } },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
if (!(Number.isInteger(rounds) && rounds >= 1))
  throw new Error(`--rounds ${values.rounds}: expected a whole number`);
if (dists.length < 2 || dists.length > 4) throw new Error('expected two to four built apps (dist folders)');

interface Load {
  table: number;
  firstPaint: number;
  taskMs: number;
  scriptMs: number;
}

const log = (line: string) => {
  if (!line.startsWith('[')) console.log(line);
};
const stack = await startStack(log);
try {
  await ensureOneCluster(stack, log);
  const ports = (
    [
      'webBff',
      'peerAppBff',
      'profiledBff',
      'fakeDws',
    ] as const satisfies readonly (keyof BenchStack['ports'])[]
  ).map((name) => stack.ports[name]);
  const urls: string[] = [];
  const bffs = [];
  for (const [i, dist] of dists.entries()) {
    bffs.push(
      await startBff({
        dataDir: stack.dataDir,
        pki: stack.pki,
        port: ports[i]!,
        cloudUrl: stack.cloudUrl,
        dbmindUrl: stack.dbmindUrl,
        log,
        name: `web-ab-${i}`,
        webDist: path.resolve(dist),
      }),
    );
    urls.push(`https://127.0.0.1:${ports[i]}`);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const loads: Load[][] = dists.map(() => []);
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const [i, url] of urls.entries()) {
        const context = await loggedInContext(browser, url);
        try {
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable');
          const timing = await loadClusters(page);
          const { metrics } = await cdp.send('Performance.getMetrics');
          const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
          loads[i]!.push({
            table: timing.tablePainted,
            firstPaint: timing.firstContentfulPaint,
            taskMs: ms('TaskDuration'),
            scriptMs: ms('ScriptDuration'),
          });
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    for (const bff of bffs) await bff.stop();
  }
  for (const [i, dist] of dists.entries()) {
    const of = (pick: (l: Load) => number) => median(loads[i]!.map(pick)).toFixed(0);
    const ratio = median(loads[i]!.map((l, round) => l.table / loads[0]![round]!.table));
    console.log(
      `${dist}: table painted ${of((l) => l.table)} ms (${ratio.toFixed(3)} × the first, median of ${rounds} rounds), first paint ${of((l) => l.firstPaint)} ms, main-thread tasks ${of((l) => l.taskMs)} ms, script ${of((l) => l.scriptMs)} ms`,
    );
  }
} finally {
  await stack.stop();
}
