import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './processes.ts';

/** One measured figure, with what it is compared with and the target it is held to, if any. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  comparedWith?: string;
  target?: string;
  /** `inconclusive` when the noise of the run is larger than what the target is about. */
  met?: boolean | 'inconclusive';
  note?: string;
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

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export async function writeResults(figures: Figure[], run: RunInfo): Promise<string> {
  const dir = path.join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'latest.json'), JSON.stringify({ ...run, figures }, null, 2) + '\n');
  const lines = [
    `Measured ${run.date} on ${run.machine}; ${run.load}. All figures from one run of \`npm run bench\` ` +
      `(${run.sections.join(', ')}; ${run.seconds} s).${run.note ? ` ${run.note}` : ''}`,
    '',
    '| section | measure | value | compared with | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map((f) =>
      [
        '',
        f.section,
        cell(`${f.name}${f.note ? ` (${f.note})` : ''}`),
        `${format(f.value)} ${f.unit}`,
        cell(f.comparedWith ?? ''),
        cell(f.target ?? 'none set'),
        f.met === undefined ? '' : f.met === 'inconclusive' ? 'inconclusive' : f.met ? 'yes' : '**no**',
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
  ];
  const markdown = lines.join('\n');
  await writeFile(path.join(dir, 'latest.md'), markdown);
  return markdown;
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
  const table = `${readmeStart}\n\n${markdown.trim()}\n\n`;
  await writeFile(file, readme.slice(0, start) + table + readme.slice(end));
  const prettier = spawnSync(path.join(root, 'node_modules', '.bin', 'prettier'), ['--write', file], {
    stdio: 'ignore',
  });
  return prettier.status === 0;
}
