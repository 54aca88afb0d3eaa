import { mkdir, writeFile } from 'node:fs/promises';
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
  met?: boolean;
  note?: string;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

export async function writeResults(figures: Figure[], meta: Record<string, unknown>): Promise<string> {
  const dir = path.join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'latest.json'), JSON.stringify({ ...meta, figures }, null, 2) + '\n');
  const lines = [
    `Measured ${String(meta.date)} on ${String(meta.machine)}, all figures from one run of \`npm run bench\`.`,
    '',
    '| section | measure | value | compared with | target | met |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.section} | ${f.name}${f.note ? ` (${f.note})` : ''} | ${format(f.value)} ${f.unit} | ${f.comparedWith ?? ''} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  const markdown = lines.join('\n');
  await writeFile(path.join(dir, 'latest.md'), markdown);
  return markdown;
}
