import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { root } from './workspace.mjs';

const folder = path.join(root, 'docs', 'decisions');
const records = readdirSync(folder).filter((name) => /^\d{3}-.+\.md$/.test(name));
const index = readFileSync(path.join(folder, 'README.md'), 'utf8');

it('every decision record starts with the one header form: number and title, Date, Status', () => {
  expect(records.length).toBeGreaterThan(0);
  for (const name of records) {
    const [title, blank, date, status] = readFileSync(path.join(folder, name), 'utf8').split('\n');
    expect(title, name).toMatch(new RegExp(`^# ${name.slice(0, 3)}\\. \\S`));
    expect(blank, name).toBe('');
    expect(date, name).toMatch(/^Date: \d{4}-\d{2}-\d{2}/);
    expect(status, name).toMatch(/^Status: (accepted|superseded by \d{3})$/);
  }
});

it('the index lists every record with its title and status, and only records that exist', () => {
  for (const name of records) {
    const [title, , , status] = readFileSync(path.join(folder, name), 'utf8').split('\n');
    const line = index.split('\n').find((l) => l.includes(`](${name})`));
    expect(line, `${name} in docs/decisions/README.md`).toBeDefined();
    expect(line).toContain(`[${title.slice(2)}]`);
    expect(line).toContain(`: ${status.slice('Status: '.length)},`);
  }
  const linked = [...index.matchAll(/\]\((\d{3}-[^)]+\.md)\)/g)].map((m) => m[1]);
  expect(linked.filter((name) => !records.includes(name))).toEqual([]);
});
