import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { boundedJson, exceedsJsonShape } from './json-bounds.ts';
import { isPlainText } from './plain-text.ts';

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 1; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON bounds', () => {
  it('count depth and values without recursing, so a value far deeper than the stack is judged', () => {
    expect(exceedsJsonShape(nested(16), { depth: 16, values: 100 })).toBeUndefined();
    expect(exceedsJsonShape(nested(17), { depth: 16, values: 100 })).toBe('depth');
    expect(exceedsJsonShape(nested(200_000), { depth: 16, values: Infinity })).toBe('depth');
    const wide = { items: Array.from({ length: 1_000 }, () => ({})) };
    expect(exceedsJsonShape(wide, { depth: 16, values: 1_002 })).toBeUndefined();
    expect(exceedsJsonShape(wide, { depth: 16, values: 1_001 })).toBe('values');
  });

  it('refuse before a recursive schema parses, naming the bound', () => {
    type Tree = { children: Tree[] };
    const tree: z.ZodMiniType<Tree> = z.object({ children: z.array(z.lazy(() => tree)) });
    const bounded = boundedJson(tree, { depth: 8, values: 1_000 });
    let deep: Tree = { children: [] };
    for (let i = 0; i < 20_000; i += 1) deep = { children: [deep] };
    expect(bounded.safeParse(deep).error?.issues.map((i) => i.message)).toEqual([
      'must nest at most 8 levels deep',
    ]);
    expect(bounded.safeParse({ children: [{ children: [] }] }).success).toBe(true);
  });
});

describe('plain text', () => {
  it('refuses control characters, bidirectional overrides and unpaired surrogates, and keeps the rest', () => {
    for (const text of [
      '\u0000',
      'a\tb',
      '\u007f',
      '\u0085',
      '\u202e',
      '\u2066x',
      '\ud800',
      'a\udc00',
      '\udfff\ud800',
    ])
      expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    for (const text of ['集群 告警', '😀', 'Ω≈ç√', 'a-b_c d', '\u200d']) expect(isPlainText(text)).toBe(true);
  });
});
