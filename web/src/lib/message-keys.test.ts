import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every message key is written somewhere in the code, and both languages have the same keys. Read from the
 * sources: a key is used when the code quotes it, or builds it from a quoted prefix (`` t(`status.${s}`) ``).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** A message table: `const messages = { 'zh-CN': { … }, en: { … } } as const`. */
const tablePattern = /^const messages = \{\n[\s\S]*?\n\} as const/m;

function keysOf(table: string, locale: string): string[] {
  const start = table.indexOf(`\n  ${locale === 'en' ? 'en' : `'${locale}'`}: {\n`);
  const end = table.indexOf('\n  },', start);
  const block = table.slice(start, end);
  return [...block.matchAll(/^ {4}'?([\w.-]+)'?:/gm)].map((m) => m[1]!);
}

const files = sources(root).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const tables = files.flatMap(({ file, text }) => {
  const match = tablePattern.exec(text);
  return match ? [{ name: path.relative(root, file), table: match[0] }] : [];
});
// The code without the tables themselves, so that defining a key does not count as using it.
const code = files.map(({ text }) => text.replace(tablePattern, '')).join('\n');
const quoted = new Set([...code.matchAll(/['"`]([\w.-]+)['"`]/g)].map((m) => m[1]!));
const prefixes = [...code.matchAll(/`([\w.-]+\.)\$\{/g)].map((m) => m[1]!);

describe('message tables', () => {
  it('are found in the sources', () => {
    expect(tables.map((t) => t.name).sort()).toEqual(
      expect.arrayContaining(['lib/i18n.tsx', 'features/clusters/messages.ts', 'features/chat/messages.ts']),
    );
  });

  for (const { name, table } of tables) {
    it(`${name}: both languages have the same keys`, () => {
      const chinese = keysOf(table, 'zh-CN');
      expect(chinese.length).toBeGreaterThan(0);
      expect(keysOf(table, 'en').sort()).toEqual([...chinese].sort());
    });

    it(`${name}: every key is used`, () => {
      const unused = keysOf(table, 'zh-CN').filter(
        (key) => !quoted.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)),
      );
      expect(unused).toEqual([]);
    });
  }
});
