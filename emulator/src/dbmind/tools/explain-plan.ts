import type pg from 'pg';
import { describeDatabaseError, ToolError } from '../errors.ts';
import { extendedQuery } from './sql-text.ts';

/** A node of `EXPLAIN (FORMAT JSON, VERBOSE)`. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Alias?: string;
  'Index Name'?: string;
  'Total Cost': number;
  'Plan Rows': number;
  'Plan Width': number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** EXPLAIN without ANALYZE: the statement is planned, never run. */
export async function explain(client: pg.Client, sql: string): Promise<PlanNode> {
  try {
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      extendedQuery(`EXPLAIN (FORMAT JSON, VERBOSE) ${sql}`),
    );
    return result.rows[0]!['QUERY PLAN'][0].Plan;
  } catch (error) {
    throw new ToolError(`SQL无法执行计划分析：${describeDatabaseError(error)}`, { cause: error });
  }
}

export function walk(
  node: PlanNode,
  visit: (node: PlanNode, parent?: PlanNode) => void,
  parent?: PlanNode,
): void {
  visit(node, parent);
  for (const child of node.Plans ?? []) walk(child, visit, node);
}

export interface PlanRelation {
  schema: string;
  table: string;
  alias: string;
  scans: string[];
}

/** The relations the plan scans, by alias. */
export function relationsOf(plan: PlanNode): Map<string, PlanRelation> {
  const relations = new Map<string, PlanRelation>();
  walk(plan, (node) => {
    const table = node['Relation Name'];
    if (!table) return;
    const alias = node.Alias ?? table;
    const existing = relations.get(alias);
    if (existing) existing.scans.push(node['Node Type']);
    else relations.set(alias, { schema: node.Schema ?? 'public', table, alias, scans: [node['Node Type']] });
  });
  return relations;
}

export interface ColumnRef {
  alias: string;
  column: string;
  equality: boolean;
  kind: 'filter' | 'join' | 'order';
}

const expressionKeys: [string, ColumnRef['kind']][] = [
  ['Filter', 'filter'],
  ['Index Cond', 'filter'],
  ['Recheck Cond', 'filter'],
  ['Hash Cond', 'join'],
  ['Merge Cond', 'join'],
  ['Join Filter', 'join'],
  ['Sort Key', 'order'],
  ['Group Key', 'order'],
];

const identifier = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))`;
const qualified = new RegExp(`${identifier}\\.${identifier}`, 'g');

function unquote(quoted: string | undefined, bare: string | undefined): string {
  return quoted !== undefined ? quoted.replaceAll('""', '"') : (bare ?? '');
}

/** Column references (`alias.column`) in filters, join conditions and sort/group keys, in order of appearance. */
export function columnRefs(plan: PlanNode): ColumnRef[] {
  const refs: ColumnRef[] = [];
  walk(plan, (node) => {
    for (const [key, kind] of expressionKeys) {
      const raw = node[key];
      const texts = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
      for (const text of texts) {
        for (const match of text.matchAll(qualified)) {
          const alias = unquote(match[1], match[2]);
          const column = unquote(match[3], match[4]);
          const at = match.index;
          const after = text.slice(at + match[0].length);
          const before = text.slice(0, at);
          const equality = /^\s*=(?!=)/.test(after) || /=\s*$/.test(before);
          refs.push({ alias, column, equality, kind });
        }
      }
    }
  });
  return refs;
}

export function planUsesIndex(plan: PlanNode, indexName: string): boolean {
  let used = false;
  walk(plan, (node) => {
    if (node['Index Name'] === indexName) used = true;
  });
  return used;
}
