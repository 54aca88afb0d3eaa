import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './processes.ts';

/**
 * What a figure is held to: a peer measured in the same run (nginx, a minimal app, a bare TLS connection), so
 * the machine's load falls on both alike and the ratio means something where absolute times do not.
 */
export interface Peer {
  name: string;
  value: number;
  /** The ratio figure ÷ peer that meets the target, and on which side. */
  ratio: { atMost: number } | { atLeast: number };
  /** Added to the peer before dividing (memory per stream: two TLS connections plus 10 KB). */
  scale?: number;
  offset?: number;
}

/** One measured figure, with what it is compared with and the target it is held to, if any. */
export interface Figure {
  /** Stable across runs (names carry counts that change), for `--compare`. */
  id?: string;
  section: string;
  name: string;
  value: number;
  unit: string;
  comparedWith?: string;
  peer?: Peer;
  target?: string;
  /** `inconclusive` when the noise of the run is larger than what the target is about. */
  met?: boolean | 'inconclusive';
  note?: string;
  /** A profile under bench/results/ that shows where the time or memory goes, for a missed target. */
  profile?: string;
}

export interface RunInfo {
  date: string;
  machine: string;
  /** The machine's load around the run: other work on it moves every figure. */
  load: string;
  seconds: number;
  sections: string[];
  /** Anything else the reader should know about this run (`BENCH_NOTE`). */
  note?: string | undefined;
}

export const resultsDir = path.join(root, 'bench', 'results');

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The figure over what its peer allows (peer × scale + offset). */
export function ratioToPeer(figure: Figure): number | undefined {
  const { peer } = figure;
  if (!peer) return undefined;
  const allowed = peer.value * (peer.scale ?? 1) + (peer.offset ?? 0);
  // Against nothing or less (a peer that added no measurable latency) a ratio says nothing.
  return allowed > 0 ? figure.value / allowed : NaN;
}

/**
 * Holds a figure to its peer: the target reads as a ratio and `met` follows from it. A figure with a peer needs
 * no target of its own.
 */
export function againstPeer(figure: Omit<Figure, 'target' | 'met'> & { peer: Peer }): Figure {
  const ratio = ratioToPeer(figure)!;
  const { peer } = figure;
  const bound = 'atMost' in peer.ratio ? `≤ ${peer.ratio.atMost}` : `≥ ${peer.ratio.atLeast}`;
  // A peer at or below zero (nginx adding no measurable latency on a noisy run) leaves no ratio to judge.
  const allowed = peer.value * (peer.scale ?? 1) + (peer.offset ?? 0);
  const met =
    !Number.isFinite(ratio) || allowed <= 0
      ? ('inconclusive' as const)
      : 'atMost' in peer.ratio
        ? ratio <= peer.ratio.atMost
        : ratio >= peer.ratio.atLeast;
  return { ...figure, target: `${bound} × peer`, met };
}

function peerCell(figure: Figure): string {
  const { peer } = figure;
  if (!peer) return '';
  const allowance =
    (peer.scale ?? 1) !== 1 || peer.offset
      ? ` (allowed: ${peer.scale ?? 1} × ${format(peer.value)}${peer.offset ? ` + ${format(peer.offset)}` : ''} ${figure.unit})`
      : '';
  return `${peer.name}: ${format(peer.value)} ${figure.unit}${allowance}`;
}

export async function writeResults(figures: Figure[], run: RunInfo): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'latest.json'), JSON.stringify({ ...run, figures }, null, 2) + '\n');
  const lines = [
    `Measured ${run.date} on ${run.machine}; ${run.load}. All figures from one run of \`npm run bench\` ` +
      `(${run.sections.join(', ')}; ${run.seconds} s).${run.note ? ` ${run.note}` : ''} Each target is a ratio ` +
      'to a peer measured in the same run; a missed target links the profile that shows where the time or memory goes.',
    '',
    '| section | measure | value | peer, same run | × peer | compared with | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map((f) => {
      const ratio = ratioToPeer(f);
      const met =
        f.met === undefined ? '' : f.met === 'inconclusive' ? 'inconclusive' : f.met ? 'yes' : '**no**';
      return [
        '',
        f.section,
        cell(`${f.name}${f.note ? ` (${f.note})` : ''}`),
        `${format(f.value)} ${f.unit}`,
        cell(peerCell(f)),
        ratio === undefined ? '' : Number.isNaN(ratio) ? '–' : `${ratio.toFixed(2)} ×`,
        cell(f.comparedWith ?? ''),
        cell(f.target ?? 'none set'),
        f.profile && f.met === false ? `${met} ([profile](${f.profile}))` : met,
        '',
      ]
        .join(' | ')
        .trim();
    }),
    '',
  ];
  const markdown = lines.join('\n');
  await writeFile(path.join(resultsDir, 'latest.md'), markdown);
  return markdown;
}

const keyOf = (figure: Figure) => figure.id ?? `${figure.section}: ${figure.name}`;

export interface PreviousRun {
  file: string;
  date?: string;
  figures: Figure[];
}

/** Read before the run starts: the run overwrites latest.json, which may be the one compared with. */
export async function readPreviousRun(file: string): Promise<PreviousRun> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { date?: string; figures?: Figure[] };
  if (!Array.isArray(parsed.figures)) throw new Error(`--compare ${file}: no "figures" list in it`);
  return { file, figures: parsed.figures, ...(parsed.date ? { date: parsed.date } : {}) };
}

/** Each figure of this run beside the same figure of an earlier run, as a plain-text table. */
export function compareWith(figures: Figure[], previous: PreviousRun): string {
  const before = new Map(previous.figures.map((f) => [keyOf(f), f]));
  // A run from before figures had ids is matched by name.
  const byName = new Map(previous.figures.map((f) => [`${f.section}: ${f.name}`, f]));
  const rows = figures.map((f) => {
    const old = before.get(keyOf(f)) ?? byName.get(`${f.section}: ${f.name}`);
    const ratio = ratioToPeer(f);
    const oldRatio = old && ratioToPeer(old);
    const change =
      old && old.value !== 0 ? `${(((f.value - old.value) / Math.abs(old.value)) * 100).toFixed(0)} %` : '';
    return [
      `${f.section}: ${f.id ?? f.name}`,
      `${format(f.value)} ${f.unit}${ratio === undefined ? '' : ` (${ratio.toFixed(2)} × peer)`}`,
      old
        ? `${format(old.value)} ${old.unit}${oldRatio === undefined ? '' : ` (${oldRatio.toFixed(2)} × peer)`}`
        : '–',
      change,
    ];
  });
  const header = ['figure', 'this run', `previous run (${previous.date ?? previous.file})`, 'change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const readmeStart = '<!-- bench:latest:start -->';
const readmeEnd = '<!-- bench:latest:end -->';

/**
 * Puts the table of a complete run into the README between its markers, formatted as `npm test` checks it.
 * Returns false when the README has no markers.
 */
export async function updateReadme(markdown: string): Promise<boolean> {
  const file = path.join(root, 'README.md');
  const readme = await readFile(file, 'utf8');
  const start = readme.indexOf(readmeStart);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) return false;
  // Profiles are linked relative to bench/results/ in latest.md; the README sits two folders up.
  const relinked = markdown.replace(/\]\((?!https?:)([^)]+)\)/g, '](bench/results/$1)');
  const table = `${readmeStart}\n\n${relinked.trim()}\n\n`;
  await writeFile(file, readme.slice(0, start) + table + readme.slice(end));
  const prettier = spawnSync(path.join(root, 'node_modules', '.bin', 'prettier'), ['--write', file], {
    stdio: 'ignore',
  });
  return prettier.status === 0;
}
