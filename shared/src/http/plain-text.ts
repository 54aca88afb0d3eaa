import { z } from 'zod';

/**
 * Characters a name, title or description never needs and an attacker uses: control characters (C0, DEL, C1),
 * the bidirectional overrides and isolates that make text read differently from what it holds (U+202A-U+202E,
 * U+2066-U+2069), and UTF-16 halves without their other half, which no UTF-8 encoder can write.
 */
const unwanted = /[\p{Cc}\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

export const plainTextRule =
  'must not contain control characters, bidirectional overrides or unpaired surrogates';

export function isPlainText(value: string): boolean {
  return !unwanted.test(value);
}

/** A string schema refined to plain text. */
export const plainText = (schema: z.ZodString) => schema.refine(isPlainText, plainTextRule);

/** How deep and how large a JSON value is: counted without recursion, and given up once past `limits`. */
export function exceedsJsonShape(
  value: unknown,
  limits: { depth: number; values: number },
): 'depth' | 'values' | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  let values = 0;
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    values += 1;
    if (values > limits.values) return 'values';
    if (depth > limits.depth) return 'depth';
    if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item)) pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * `schema` behind a bound on nesting and size, checked before it parses: a recursive schema would otherwise
 * overflow the stack on a deep value, and a small body of many empty objects costs many times its size in memory.
 */
export function boundedJson<T extends z.ZodType>(schema: T, limits: { depth: number; values: number }) {
  return z
    .custom<z.input<T>>()
    .superRefine((value, ctx) => {
      const exceeded = exceedsJsonShape(value, limits);
      if (exceeded === 'depth')
        ctx.addIssue({ code: 'custom', message: `must nest at most ${limits.depth} levels deep` });
      if (exceeded === 'values')
        ctx.addIssue({ code: 'custom', message: `must hold at most ${limits.values} values` });
    })
    .pipe(schema as unknown as z.ZodType<z.output<T>, z.input<T>>);
}
