// Small text summaries of CPU profiles (Node's --cpu-prof), written under bench/results/ beside the figures,
// so a missed target says where the time goes without opening DevTools.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resultsDir } from './results.ts';
import { root } from './processes.ts';

/** The parts of a .cpuprofile this reads (the V8 CPU profile format). */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where code lives: a package of node_modules, Node's own, or a file of the workspace. */
function placeOf(url: string): string {
  if (!url) return '(native, GC, idle)';
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
 * Self time by place (package or file) and by function, and inclusive time of the workspace's own functions
 * (what a request spends in the console's code and below it), as percentages of the sampled time.
 */
export function summarizeCpuProfile(profile: CpuProfile, title: string, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
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
    `${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms sampled (${profile.samples.length} samples); percentages of the busy time.`,
    '',
    '## Self time by package or file',
    ...table(byPlace),
    '',
    '## Self time by function',
    ...table(byFunction),
    '',
    '## Inclusive time of the workspace’s own functions',
    ...table(inclusive),
    '',
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
