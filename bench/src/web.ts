// 4. Web: the JavaScript each page needs, how fast the clusters page paints in headless Chromium, and how a
// 10,000-cluster list renders and scrolls.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { csrfHeader } from '@dws-console/shared';
import { ensureOneCluster } from './dws-api.ts';
import { startFakeDws } from './fake-dws.ts';
import { root } from './processes.ts';
import { summarizeCpuProfile, symbolizePageProfile } from './profiles.ts';
import { againstPeer, resultsDir, type Figure } from './results.ts';
import { composition, routeWeights, type RouteWeight } from './route-weights.ts';
import { credentials, startBff, type BenchStack } from './stack.ts';

/**
 * Five loads each for the table; `BENCH_WEB_LOADS` takes more while comparing one change of the console with its
 * peer, as five loads on a shared machine cannot tell a few per cent apart.
 */
const coldLoads = Number(process.env.BENCH_WEB_LOADS ?? 5);
if (!(Number.isInteger(coldLoads) && coldLoads >= 1 && coldLoads <= 100))
  throw new Error(`BENCH_WEB_LOADS=${process.env.BENCH_WEB_LOADS}: expected a whole number from 1 to 100`);
const bigListSize = 10_000;
/** The console against the minimal app: what an administrator waits for on every visit, and what it downloads. */
const targets = { tablePaintedRatio: 1.25, clustersRouteRatio: 1.3 };
const peerAppDir = path.join(root, 'bench', 'peer-app');
const consoleDist = path.join(root, 'web', 'dist');

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs in every page before the console's own code: records long tasks, and the moment the first row of the
 * clusters table has been painted (two animation frames after it entered the DOM: the first callback runs
 * before that frame's paint, the second after it).
 */
const paintProbe = `
  window.__bench = { longTasks: [], tablePaintedAt: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.ant-table-row')) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__bench.tablePaintedAt = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
`;

interface LoadTiming {
  firstContentfulPaint: number;
  tablePainted: number;
  listRequested: number;
  listArrived: number;
  /** How many times the list was requested: more than once when the early fetch was not the one used. */
  listRequests: number;
  /** When the last script the page ran before its table was painted had arrived. */
  scriptsLoaded: number;
  /** The script that arrived last of those, and when it was requested. */
  lastScript: string;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

/** A fresh context (empty cache, no cookies) logged in through the BFF's API, as the log-in form does it. */
export async function loggedInContext(browser: Browser, bffUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: bffUrl, ignoreHTTPSErrors: true });
  const login = await context.request.post('/api/session', {
    data: credentials,
    headers: { [csrfHeader.name]: csrfHeader.value },
  });
  if (login.status() !== 201) throw new Error(`log-in through ${bffUrl} failed: HTTP ${login.status()}`);
  await context.addInitScript(paintProbe);
  return context;
}

/** Opens /clusters and waits for the table; times are from the start of the navigation. */
export async function loadClusters(page: Page): Promise<LoadTiming> {
  await page.goto('/clusters');
  // Polled from here: waitForFunction compiles its predicate in the page, which the console's CSP forbids.
  const deadline = Date.now() + 120_000;
  while (!(await page.evaluate<number>('window.__bench.tablePaintedAt'))) {
    if (Date.now() > deadline) throw new Error('the clusters table was not painted within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return await page.evaluate<LoadTiming>(`(() => {
    const resources = performance.getEntriesByType('resource');
    const lists = resources.filter((e) => new URL(e.name).pathname === '/api/dws/clusters');
    const list = lists[0];
    const scripts = resources.filter((e) => e.name.endsWith('.js') && e.startTime < window.__bench.tablePaintedAt);
    return {
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      tablePainted: window.__bench.tablePaintedAt,
      listRequested: list ? list.startTime : NaN,
      listArrived: list ? list.responseEnd : NaN,
      listRequests: lists.length,
      scriptsLoaded: Math.max(...scripts.map((e) => e.responseEnd)),
      lastScript: (() => {
        const last = scripts.reduce((a, b) => (b.responseEnd > a.responseEnd ? b : a));
        return new URL(last.name).pathname.split('/').pop() + ' requested at ' + last.startTime.toFixed(0) + ' ms';
      })(),
    };
  })()`);
}

interface ScrollResult {
  /** The name in the last rendered row: shows how far the wheel got. */
  lastRowShown: string;
  longTasks: number;
  longTaskMs: number;
  longestMs: number;
}

/** Shows the largest page size the list offers and wheels the page down through its rows to the end. */
async function scrollLargestPage(page: Page): Promise<ScrollResult & { rows: number }> {
  await page.locator('.ant-pagination-options .ant-select').click();
  const largest = page.locator('.ant-select-item-option').last();
  const rows = Number.parseInt((await largest.textContent()) ?? '', 10);
  await largest.click();
  // Scrolling starts once the page's rows are there and the main thread has nothing left to do: the long tasks
  // counted are the scrolling's, not the rendering of the larger page.
  await page
    .locator('.ant-table-tbody tr.ant-table-row')
    .nth(rows - 1)
    .waitFor();
  const body = page.locator('.ant-table-tbody');
  await body.hover();
  await page.evaluate('new Promise((resolve) => requestIdleCallback(resolve, { timeout: 10000 }))');
  const since = await page.evaluate<number>('performance.now()');
  for (let step = 0; step < 200; step += 1) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(500);
  return await page.evaluate<ScrollResult & { rows: number }>(`(() => {
    const tasks = window.__bench.longTasks.filter((t) => t.start >= ${since});
    const names = [...document.querySelectorAll('.ant-table-row a')].map((a) => a.textContent ?? '');
    return {
      rows: document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length,
      lastRowShown: names[names.length - 1] ?? '',
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((sum, t) => sum + t.duration, 0),
      longestMs: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
    };
  })()`);
}

/** Wheels back up the same rows with Chromium's profiler on: where the time of the long tasks goes. */
async function profileScroll(
  page: Page,
  context: BrowserContext,
  log: (line: string) => void,
): Promise<string> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  for (let step = 0; step < 200; step += 1) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(16);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const file = 'web-scroll-cpu.txt';
  await writeFile(
    path.join(resultsDir, file),
    summarizeCpuProfile(
      await symbolizePageProfile(profile, consoleDist),
      'Console, wheeling through the largest page (100 rows) of 10,000 clusters (Chromium profiler)',
    ),
  );
  log(`web: scroll profile summarized in bench/results/${file}`);
  return file;
}

/**
 * What the clusters route's JavaScript is made of, owner by owner, beside the minimal app's, summarized into
 * bench/results/: where the weight over the minimal app comes from.
 */
async function writeRouteComposition(
  dist: string,
  route: RouteWeight,
  peerDist: string,
  peer: RouteWeight,
  log: (line: string) => void,
): Promise<string> {
  const [ours, theirs] = await Promise.all([
    composition(dist, route.files),
    composition(peerDist, peer.files),
  ]);
  const rows = [...new Set([...ours.keys(), ...theirs.keys()])]
    .map((owner) => ({ owner, ours: ours.get(owner) ?? 0, theirs: theirs.get(owner) ?? 0 }))
    .sort((a, b) => b.ours - b.theirs - (a.ours - a.theirs));
  const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);
  const file = 'web-clusters-route-modules.txt';
  await writeFile(
    path.join(resultsDir, file),
    [
      `# JavaScript of ${route.route}: ${kib(route.gzipBytes).trim()} KiB gzip, the minimal app ${kib(peer.gzipBytes).trim()} KiB`,
      '',
      "Each file's gzip size shared out among its modules by their part of its code before minifying",
      '(dist/.vite/modules.json), summed by owner: antd by component, other packages by name, our code by folder.',
      `Files: ${route.files.join(', ')}.`,
      '',
      '    ours  minimal   extra  owner',
      ...rows
        .filter((row) => Math.max(row.ours, row.theirs) >= 512)
        .map((row) => `${kib(row.ours)}  ${kib(row.theirs)} ${kib(row.ours - row.theirs)}  ${row.owner}`),
      '',
    ].join('\n'),
  );
  log(`web: ${route.route} composition summarized in bench/results/${file}`);
  return file;
}

/** Builds the minimal app (bench/peer-app) with the console's Vite settings; returns its dist folder. */
async function buildPeerApp(log: (line: string) => void): Promise<string> {
  const vite = path.join(root, 'bench', 'node_modules', '.bin', 'vite');
  try {
    await promisify(execFile)(vite, ['build', '--logLevel', 'warn'], { cwd: peerAppDir });
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`the minimal app did not build:\n${stderr}${stdout}`, { cause: error });
  }
  log('[web] minimal app built');
  return path.join(peerAppDir, 'dist');
}

/**
 * One more cold load of the console with Chromium's profiler on, summarized into bench/results/: where the
 * time goes before the table is painted. Its own load, so the profiler's cost touches no measured one.
 */
async function profileColdLoad(
  browser: Browser,
  bffUrl: string,
  log: (line: string) => void,
): Promise<string> {
  const context = await loggedInContext(browser, bffUrl);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
    await loadClusters(page);
    const { profile } = await cdp.send('Profiler.stop');
    const file = 'web-clusters-load-cpu.txt';
    await writeFile(
      path.join(resultsDir, file),
      summarizeCpuProfile(
        await symbolizePageProfile(profile, consoleDist),
        'Console, cold load of /clusters until the table is painted (Chromium profiler)',
      ),
    );
    log(`web: cold-load profile summarized in bench/results/${file}`);
    return file;
  } finally {
    await context.close();
  }
}

/** The console's cold loads against the minimal app's, each figure a ratio to its peer. */
async function coldLoadFigures(
  loads: LoadTiming[],
  peerLoads: LoadTiming[],
  profile: () => Promise<string>,
): Promise<Figure[]> {
  // Paint times follow whatever else the machine runs; the figure says how busy it was.
  const busy = `load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`;
  const of = (timings: LoadTiming[], pick: (l: LoadTiming) => number) => median(timings.map(pick));
  const each = (timings: LoadTiming[], pick: (l: LoadTiming) => number) =>
    timings.map((l) => pick(l).toFixed(0)).join(', ');
  const where = `median of ${coldLoads} cold loads each (new context each, logged in) of /clusters, headless Chromium, the emulator's clusters, console and minimal app interleaved`;
  const minimal = 'the minimal app (one antd Table, same build settings, same BFF)';
  const fcp = (l: LoadTiming) => l.firstContentfulPaint;
  const table = (l: LoadTiming) => l.tablePainted;
  const requested = (l: LoadTiming) => l.listRequested;
  const scripts = (l: LoadTiming) => l.scriptsLoaded;
  const figures = [
    againstPeer({
      id: 'web.first-contentful-paint',
      section: 'Web',
      // index.html carries a static frame (the side bar and the console's name) that paints before any script.
      name: 'first contentful paint (the static frame of index.html)',
      value: of(loads, fcp),
      unit: 'ms',
      comparedWith: where,
      peer: { name: minimal, value: of(peerLoads, fcp), ratio: { atMost: 1 } },
      note: `console: ${each(loads, fcp)}; minimal app: ${each(peerLoads, fcp)}; ${busy}`,
    }),
    againstPeer({
      id: 'web.table-painted',
      section: 'Web',
      name: 'clusters table painted',
      value: of(loads, table),
      unit: 'ms',
      comparedWith: where,
      peer: { name: minimal, value: of(peerLoads, table), ratio: { atMost: targets.tablePaintedRatio } },
      note: `console: ${each(loads, table)}; minimal app: ${each(peerLoads, table)}; ${busy}`,
    }),
    againstPeer({
      id: 'web.list-requested',
      section: 'Web',
      name: 'the clusters list requested (from index.html, before the scripts have run)',
      value: of(loads, requested),
      unit: 'ms',
      comparedWith: `${where}; requests of the list per load: ${loads.map((l) => l.listRequests).join(', ')} (1: the early fetch is the one the app used); the minimal app requests it at ${of(peerLoads, requested).toFixed(0)} ms`,
      peer: {
        name: "the console's JavaScript finished loading (same loads)",
        value: of(loads, scripts),
        ratio: { atMost: 1 },
      },
      note: `requested: ${each(loads, requested)}; scripts loaded: ${each(loads, scripts)}`,
    }),
  ];
  // A list fetched twice is an early fetch the app did not use: that is a miss whatever the times say.
  const requestedOnce = loads.every((l) => l.listRequests === 1);
  const early = figures[2]!;
  if (!requestedOnce) early.met = false;
  const painted = figures[1]!;
  if (painted.met === false) painted.profile = await profile();
  return figures;
}

export async function benchWeb(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dist = consoleDist;
  const peerDist = await buildPeerApp(log);
  // The minimal app is one chunk: its shell is all of it.
  const [peerShell] = await routeWeights(peerDist);
  if (!peerShell) throw new Error(`${peerDist}: the minimal app's build has no entry`);
  const peerWeight = peerShell.gzipBytes / 1024;
  for (const weight of await routeWeights(dist)) {
    const kib = weight.gzipBytes / 1024;
    log(`web: ${weight.route}: ${kib.toFixed(1)} KiB gzip in ${weight.files.length} files`);
    const figure: Figure = {
      id: `web.weight.${weight.route}`,
      section: 'Web',
      name: weight.route === 'shell' ? 'JavaScript of the shell' : `JavaScript for ${weight.route}`,
      value: kib,
      unit: 'KiB gzip',
      comparedWith:
        weight.route === 'shell'
          ? 'entry + static imports (dist/.vite/manifest.json)'
          : 'shell + the route chunk + its static imports',
    };
    if (weight.route !== 'clusters-route') {
      figures.push(figure);
      continue;
    }
    const held = againstPeer({
      ...figure,
      peer: {
        name: 'the minimal app, one antd Table with React and nothing else',
        value: peerWeight,
        ratio: { atMost: targets.clustersRouteRatio },
      },
    });
    // The report of what the route is made of is written every run: each saving shows in it.
    const report = await writeRouteComposition(dist, weight, peerDist, peerShell, log);
    figures.push(held.met === false ? { ...held, profile: report } : held);
  }

  await ensureOneCluster(stack, (line) => log(`[web] ${line}`));
  const peerBff = await startBff({
    dataDir: stack.dataDir,
    pki: stack.pki,
    port: stack.ports.peerAppBff,
    cloudUrl: stack.cloudUrl,
    dbmindUrl: stack.dbmindUrl,
    log,
    name: 'peer-app-bff',
    webDist: peerDist,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const loads: LoadTiming[] = [];
    const peerLoads: LoadTiming[] = [];
    // Interleaved, so the machine's other load falls on the console and its peer alike.
    for (let i = 0; i < coldLoads; i += 1) {
      for (const [app, url, into] of [
        ['console', stack.bffUrl, loads],
        ['minimal app', `https://127.0.0.1:${stack.ports.peerAppBff}`, peerLoads],
      ] as const) {
        const context = await loggedInContext(browser, url);
        try {
          const timing = await loadClusters(await context.newPage());
          log(
            `web: ${app}, cold load ${i + 1}: FCP ${timing.firstContentfulPaint.toFixed(0)} ms, list requested ${timing.listRequested.toFixed(0)} ms (${timing.listRequests}×) and arrived ${timing.listArrived.toFixed(0)} ms, scripts loaded ${timing.scriptsLoaded.toFixed(0)} ms (last ${timing.lastScript}), table ${timing.tablePainted.toFixed(0)} ms`,
          );
          into.push(timing);
        } finally {
          await context.close();
        }
      }
    }
    figures.push(
      ...(await coldLoadFigures(loads, peerLoads, () => profileColdLoad(browser, stack.bffUrl, log))),
    );

    const fake = await startFakeDws({
      port: stack.ports.fakeDws,
      cert: stack.pki.serverCert,
      key: stack.pki.serverKey,
      clusters: bigListSize,
    });
    const bff = await startBff({
      dataDir: stack.dataDir,
      pki: stack.pki,
      port: stack.ports.webBff,
      cloudUrl: stack.cloudUrl,
      dbmindUrl: stack.dbmindUrl,
      dwsUrl: fake.url,
      log,
      name: 'web-bff',
    });
    const context = await loggedInContext(browser, `https://127.0.0.1:${stack.ports.webBff}`);
    try {
      const page = await context.newPage();
      const timing = await loadClusters(page);
      const total = await page.getByText(`共 ${bigListSize.toLocaleString('zh-CN')} 个集群`).count();
      if (total !== 1) throw new Error(`the list does not show ${bigListSize} clusters`);
      const scroll = await scrollLargestPage(page);
      log(`web: ${bigListSize} clusters: ${JSON.stringify({ ...timing, ...scroll })}`);
      const where = `${bigListSize.toLocaleString('en-US')} generated clusters from a fake DWS upstream through the BFF (the emulator runs one PostgreSQL per cluster)`;
      figures.push(
        {
          section: 'Web',
          name: `${bigListSize.toLocaleString('en-US')} clusters: table painted`,
          value: timing.tablePainted,
          unit: 'ms',
          comparedWith: where,
          note: 'cold load, from navigation start',
        },
        {
          section: 'Web',
          name: `${bigListSize.toLocaleString('en-US')} clusters: list arrived → table painted`,
          value: timing.tablePainted - timing.listArrived,
          unit: 'ms',
          comparedWith: where,
          note: 'JSON and schema parsing, filters, first page of 20 rendered',
        },
        {
          id: 'web.scroll-long-tasks',
          section: 'Web',
          name: 'long tasks while scrolling the largest page of the list',
          value: scroll.longTasks,
          unit: 'tasks',
          comparedWith: where,
          target: '0 (smooth)',
          met: scroll.longTasks === 0,
          note: `${scroll.rows} rows a page; ${scroll.longTaskMs.toFixed(0)} ms in long tasks, longest ${scroll.longestMs.toFixed(0)} ms, 200 wheel steps of 400 px, down to ${scroll.lastRowShown}`,
          ...(scroll.longTasks > 0 ? { profile: await profileScroll(page, context, log) } : {}),
        },
      );
    } finally {
      await context.close();
      await bff.stop();
      await fake.close();
    }
  } finally {
    await browser.close();
    await peerBff.stop();
  }
  return figures;
}
