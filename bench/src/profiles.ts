// Small text summaries of CPU profiles (Node's --cpu-prof), written under bench/results/ beside the figures,
// so a missed target says where the time goes without opening DevTools.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { resultsDir } from './results.ts';
import { root } from './processes.ts';
import { logInThrough, startBff, type BenchStack } from './stack.ts';

/** The parts of a .cpuprofile this reads (the V8 CPU profile format). */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
    children?: number[] | undefined;
  }[];
  samples?: number[] | undefined;
  timeDeltas?: number[] | undefined;
}

/** Where code lives: a package of node_modules, Node's own, or a file of the workspace. */
function placeOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  // A page's scripts: the bundle's file names say which chunk.
  if (/^https?:/.test(url)) return new URL(url).pathname;
  if (url.startsWith('node:')) return 'node: (Node itself)';
  const modules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const file = url.replace(/^file:\/\//, '');
  return path.relative(root, file);
}

const isWorkspaceCode = (url: string) =>
  url.startsWith('file://') && !url.includes('/node_modules/') && !placeOf(url).startsWith('..');

const frameOf = (node: CpuProfile['nodes'][number]) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${placeOf(url)}${isWorkspaceCode(url) ? `:${lineNumber + 1}` : ''}`;
};

/**
 * The profile of a page of the built console, with each frame of its bundles put back where it came from: the
 * source file (a package's or the workspace's) and the function's own name, read from the build's source maps
 * in `dist` (`sourcemap: 'hidden'` in web/vite.config.ts). Frames of scripts without a map stay as they are.
 */
export async function symbolizePageProfile<P extends CpuProfile>(profile: P, dist: string): Promise<P> {
  const maps = new Map<string, { map: TraceMap; dir: string } | undefined>();
  const mapOf = async (url: string) => {
    const pathname = new URL(url).pathname;
    if (!maps.has(pathname)) {
      const file = path.join(dist, pathname);
      const raw = await readFile(`${file}.map`, 'utf8').catch(() => undefined);
      maps.set(pathname, raw === undefined ? undefined : { map: new TraceMap(raw), dir: path.dirname(file) });
    }
    return maps.get(pathname);
  };
  const nodes = [];
  for (const node of profile.nodes) {
    const { url, lineNumber, columnNumber = 0, functionName } = node.callFrame;
    const found = /^https?:/.test(url) ? await mapOf(url) : undefined;
    const original = found && originalPositionFor(found.map, { line: lineNumber + 1, column: columnNumber });
    nodes.push(
      found && original?.source
        ? {
            ...node,
            callFrame: {
              ...node.callFrame,
              url: pathToFileURL(path.resolve(found.dir, original.source)).href,
              lineNumber: (original.line ?? 1) - 1,
              functionName: original.name ?? functionName,
            },
          }
        : node,
    );
  }
  return { ...profile, nodes };
}

/**
 * Self time by place (package or file) and by function, and inclusive time of the workspace's own functions
 * (what a request spends in the console's code and below it), as percentages of the sampled time.
 */
export function summarizeCpuProfile(profile: CpuProfile, title: string, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample carries the time since the one before it. On a busy machine the sampled thread (or the profiler's)
  // waits for a core between two samples now and then, and that wait, tens of milliseconds at times, lands on
  // whatever function the next sample finds: a one-line function of the early-requests script showed 5 % self
  // time that way. Each sample counts for at most a few sampling intervals; the rest is reported as waiting.
  const interval = [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length / 2)] ?? 0;
  const longest = interval * 4;
  let waited = 0;
  samples.forEach((id, i) => {
    const delta = deltas[i] ?? 0;
    const counted = interval > 0 ? Math.min(delta, longest) : delta;
    waited += delta - counted;
    self.set(id, (self.get(id) ?? 0) + counted);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)');
  const idleTime = idle.reduce((sum, [, t]) => sum + t, 0);
  const busy = total - idleTime;

  const add = (map: Map<string, number>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? 0) + value);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, time] of self) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    add(byPlace, placeOf(node.callFrame.url), time);
    add(byFunction, frameOf(node), time);
  }

  // Inclusive time, counted once per function and stack (a recursive call is not counted twice).
  const inclusive = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  for (const [id, time] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const node = byId.get(at)!;
      if (!isWorkspaceCode(node.callFrame.url)) continue;
      const key = frameOf(node);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + time);
      seen.add(key);
    }
  }

  const pct = (time: number) => `${((time / busy) * 100).toFixed(1).padStart(5)} %`;
  const table = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, time]) => `${pct(time)}  ${key}`);
  return [
    `# ${title}`,
    '',
    `${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms sampled (${samples.length} samples); percentages of the busy time.`,
    `Left out: ${(waited / 1000).toFixed(0)} ms in gaps between samples longer than ${(longest / 1000).toFixed(1)} ms (four sampling intervals), time the thread or the profiler waited for a core.`,
    '',
    '## Self time by package or file',
    ...table(byPlace),
    '',
    '## Self time by function',
    ...table(byFunction),
    '',
    // A page's bundle has no workspace files to attribute to.
    ...(inclusive.size > 0
      ? ['## Inclusive time of the workspace’s own functions', ...table(inclusive), '']
      : []),
  ].join('\n');
}

/** Summarizes the newest main-thread .cpuprofile in `dir` into bench/results/<name>.txt and returns that path, relative. */
export async function writeCpuProfileSummary(dir: string, name: string, title: string): Promise<string> {
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread, the one serving requests
  // (tsx's module loader runs in a worker of its own).
  const files = (await readdir(dir)).filter((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  const main = files[files.length - 1];
  if (!main) throw new Error(`${dir}: no main-thread .cpuprofile was written`);
  const profile = JSON.parse(await readFile(path.join(dir, main), 'utf8')) as CpuProfile;
  const file = `${name}.txt`;
  await writeFile(path.join(resultsDir, file), summarizeCpuProfile(profile, title));
  return `${file}`;
}

/**
 * A BFF of its own started with --cpu-prof, logged in and put under `load` (which must end by itself within a
 * few seconds): where its time goes, summarized into bench/results/<name>.txt. Its own process, so the
 * profiler's cost never touches the measured figures.
 */
export async function profileBff(
  stack: BenchStack,
  options: {
    name: string;
    title: string;
    log: (line: string) => void;
    /** DBMind's address when not the stack's (an event source). */
    dbmindUrl?: string;
    env?: Record<string, string>;
    load: (url: string, cookie: string) => Promise<void>;
  },
): Promise<string> {
  const dir = path.join(stack.dataDir, 'profiles', options.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const bff = await startBff({
    dataDir: stack.dataDir,
    pki: stack.pki,
    port: stack.ports.profiledBff,
    cloudUrl: stack.cloudUrl,
    dbmindUrl: options.dbmindUrl ?? stack.dbmindUrl,
    log: options.log,
    name: 'bff-profiled',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'],
    ...(options.env ? { env: options.env } : {}),
  });
  try {
    const url = `https://127.0.0.1:${stack.ports.profiledBff}`;
    await options.load(url, await logInThrough(url, await readFile(stack.pki.ca)));
  } finally {
    // The profile is written as the process exits.
    await bff.stop();
  }
  const file = await writeCpuProfileSummary(dir, options.name, options.title);
  options.log(`BFF profile summarized in bench/results/${file}`);
  return file;
}

/** What bench/src/memory-probe.mjs writes. */
export interface MemoryProbe {
  at: number;
  memory: NodeJS.MemoryUsage;
  spaces: Record<string, number>;
  resources: Record<string, number>;
  /** Garbage collector pauses since the process started; the longest since the probe before. */
  gc: { count: number; totalMs: number; longestMs: number };
}

/** Asks a process started with memory-probe.mjs where its memory is, and waits for the answer. */
export async function probeMemory(pid: number, file: string): Promise<MemoryProbe> {
  const asked = Date.now();
  process.kill(pid, 'SIGUSR2');
  for (let tries = 0; tries < 600; tries += 1) {
    try {
      const probe = JSON.parse(await readFile(file, 'utf8')) as MemoryProbe;
      if (probe.at >= asked) return probe;
    } catch {
      // Not written yet, or being written.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${file}: the memory probe did not answer`);
}

/**
 * Memory per stream between two probes, split as Node sees it: the JavaScript heap (by space), buffers outside
 * it, and the rest of the resident set (OpenSSL's and the HTTP parsers' own allocations, the allocator's slack).
 */
export async function writeMemorySummary(
  before: MemoryProbe,
  after: MemoryProbe,
  streams: number,
  name: string,
  title: string,
): Promise<string> {
  const per = (a: number, b: number) => `${((b - a) / streams / 1000).toFixed(1).padStart(7)} KB`;
  const native = (p: MemoryProbe) => p.memory.rss - p.memory.heapTotal - p.memory.external;
  const lines = [
    `# ${title}`,
    '',
    `Growth from before the streams opened to the peak, divided by ${streams} streams open.`,
    '',
    '## Resident set',
    `${per(before.memory.rss, after.memory.rss)}  RSS`,
    `${per(before.memory.heapTotal, after.memory.heapTotal)}  JavaScript heap reserved (heapTotal)`,
    `${per(before.memory.heapUsed, after.memory.heapUsed)}  JavaScript heap in use (heapUsed)`,
    `${per(before.memory.external, after.memory.external)}  outside the heap, known to V8 (external)`,
    `${per(before.memory.arrayBuffers, after.memory.arrayBuffers)}  of which ArrayBuffers and Buffers`,
    `${per(native(before), native(after))}  the rest: native allocations (OpenSSL, HTTP parsers, allocator slack)`,
    '',
    '## JavaScript heap in use, by space',
    ...Object.keys(after.spaces).map(
      (space) => `${per(before.spaces[space] ?? 0, after.spaces[space] ?? 0)}  ${space}`,
    ),
    '',
    '## Active handles and requests, at the peak (before)',
    ...Object.entries(after.resources)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${String(count).padStart(7)}  ${kind} (${before.resources[kind] ?? 0})`),
    '',
  ];
  const file = `${name}.txt`;
  await writeFile(path.join(resultsDir, file), lines.join('\n'));
  return file;
}
