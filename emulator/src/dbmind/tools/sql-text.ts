import { ToolError } from '../errors.ts';

/**
 * The one statement a user gave, without a trailing semicolon. More than one statement is refused: the tools only
 * ever EXPLAIN what they are given, and one statement keeps it that way.
 */
export function singleStatement(sql: string): string {
  let text = sql.trim();
  while (text.endsWith(';')) text = text.slice(0, -1).trimEnd();
  if (text === '') throw new ToolError('SQL语句为空');
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === ';') {
      throw new ToolError('一次只能分析一条SQL语句');
    }
  }
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
  if (!verb || !['select', 'with', 'update', 'delete', 'insert', 'values', 'table'].includes(verb)) {
    throw new ToolError('只能分析SELECT、WITH、UPDATE、DELETE或INSERT语句');
  }
  return text;
}

/** Quotes an identifier only when PostgreSQL would need it. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** A query config forcing the extended protocol, which accepts exactly one statement. */
export function extendedQuery(text: string, values: unknown[] = []): { text: string; values: unknown[] } {
  return { text, values, queryMode: 'extended' } as { text: string; values: unknown[] };
}
