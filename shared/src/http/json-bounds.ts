import { z } from 'zod/mini';

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
export function boundedJson<T extends z.core.$ZodType>(schema: T, limits: { depth: number; values: number }) {
  return z.pipe(
    z.custom<z.input<T>>().check(
      z.superRefine((value, ctx) => {
        const exceeded = exceedsJsonShape(value, limits);
        if (exceeded === 'depth')
          ctx.addIssue({ code: 'custom', message: `must nest at most ${limits.depth} levels deep` });
        if (exceeded === 'values')
          ctx.addIssue({ code: 'custom', message: `must hold at most ${limits.values} values` });
      }),
    ),
    schema as unknown as z.core.$ZodType<z.output<T>, z.input<T>>,
  );
}
