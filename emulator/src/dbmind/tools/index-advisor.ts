import type pg from 'pg';
import { describeDatabaseError, ToolError } from '../errors.ts';
import { columnRefs, explain, planUsesIndex, relationsOf, type PlanNode } from './explain-plan.ts';
import { quoteIdent, singleStatement } from './sql-text.ts';

export interface IndexAdvice {
  schema: string;
  table: string;
  columns: string[];
  statement: string;
  sizeBytes: number;
  /** Percent of the statement's estimated cost the index saves. */
  improvement: number;
  costBefore: number;
  costAfter: number;
}

export interface AdviceResult {
  advice: IndexAdvice[];
  method: 'hypopg' | 'rollback';
  costBefore: number;
}

interface Candidate {
  schema: string;
  table: string;
  columns: string[];
}

/** DBMind does not recommend an index that saves less than this share of the cost. */
const minimumImprovement = 1;
const maxIndexes = 10;
const maxColumns = 3;

/** Index candidates: each filtered or joined column, and the equality columns of a table together. */
function candidatesOf(plan: PlanNode): Candidate[] {
  const relations = relationsOf(plan);
  const perAlias = new Map<string, { equality: string[]; other: string[] }>();
  for (const ref of columnRefs(plan)) {
    if (!relations.has(ref.alias) || ref.kind === 'order') continue;
    const entry = perAlias.get(ref.alias) ?? { equality: [], other: [] };
    const list = ref.equality ? entry.equality : entry.other;
    if (!entry.equality.includes(ref.column) && !entry.other.includes(ref.column)) list.push(ref.column);
    perAlias.set(ref.alias, entry);
  }
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const add = (relation: { schema: string; table: string }, columns: string[]) => {
    const key = `${relation.schema}.${relation.table}(${columns.join(',')})`;
    if (columns.length === 0 || seen.has(key)) return;
    seen.add(key);
    candidates.push({ schema: relation.schema, table: relation.table, columns });
  };
  for (const [alias, columns] of perAlias) {
    const relation = relations.get(alias)!;
    for (const column of [...columns.equality, ...columns.other]) add(relation, [column]);
    const combined = [...columns.equality, ...columns.other].slice(0, maxColumns);
    if (combined.length > 1) add(relation, combined);
  }
  return candidates;
}

export function indexName(table: string, columns: string[]): string {
  return `idx_${table}_${columns.join('_')}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
}

function createStatement(candidate: Candidate, name: string): string {
  const columns = candidate.columns.map(quoteIdent).join(', ');
  return `CREATE INDEX ${quoteIdent(name)} ON ${quoteIdent(candidate.schema)}.${quoteIdent(candidate.table)}(${columns});`;
}

async function run(client: pg.Client, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  try {
    return await client.query({ text, values });
  } catch (error) {
    throw new ToolError(`索引推荐执行失败：${describeDatabaseError(error)}`, { cause: error });
  }
}

/** Makes hypopg usable inside the current transaction, so a rollback leaves the database as it was. */
async function enableHypopg(client: pg.Client): Promise<boolean> {
  const present = await run(client, "SELECT 1 FROM pg_extension WHERE extname = 'hypopg'");
  if (present.rowCount) return true;
  await run(client, 'SAVEPOINT dbmind_hypopg');
  try {
    await client.query('CREATE EXTENSION hypopg');
    await run(client, 'RELEASE SAVEPOINT dbmind_hypopg');
    return true;
  } catch {
    await run(client, 'ROLLBACK TO SAVEPOINT dbmind_hypopg');
    return false;
  }
}

interface Measured {
  cost: number;
  sizeBytes: number;
  used: boolean;
}

async function measureHypothetical(client: pg.Client, sql: string, candidate: Candidate): Promise<Measured> {
  const ddl = `CREATE INDEX ON ${quoteIdent(candidate.schema)}.${quoteIdent(candidate.table)} (${candidate.columns.map(quoteIdent).join(', ')})`;
  const created = await run(client, 'SELECT indexrelid, indexname FROM hypopg_create_index($1)', [ddl]);
  const row = created.rows[0] as { indexrelid: number; indexname: string };
  try {
    const plan = await explain(client, sql);
    const size = await run(client, 'SELECT hypopg_relation_size($1)::float8 AS size', [row.indexrelid]);
    return {
      cost: plan['Total Cost'],
      sizeBytes: Number((size.rows[0] as { size: number }).size),
      used: planUsesIndex(plan, row.indexname),
    };
  } finally {
    await run(client, 'SELECT hypopg_drop_index($1)', [row.indexrelid]);
  }
}

async function measureBuilt(client: pg.Client, sql: string, candidate: Candidate): Promise<Measured> {
  const name = `dbmind_probe_${Date.now().toString(36)}`;
  await run(client, 'SAVEPOINT dbmind_probe');
  try {
    await run(
      client,
      `CREATE INDEX ${quoteIdent(name)} ON ${quoteIdent(candidate.schema)}.${quoteIdent(candidate.table)} (${candidate.columns.map(quoteIdent).join(', ')})`,
    );
    const plan = await explain(client, sql);
    const size = await run(
      client,
      'SELECT pg_relation_size(format($1::text, $2::text, $3::text)::regclass)::float8 AS size',
      ['%I.%I', candidate.schema, name],
    );
    return {
      cost: plan['Total Cost'],
      sizeBytes: Number((size.rows[0] as { size: number }).size),
      used: planUsesIndex(plan, name),
    };
  } finally {
    await run(client, 'ROLLBACK TO SAVEPOINT dbmind_probe');
  }
}

/**
 * DBMind's single-query index advice, computed for real: EXPLAIN the statement, try each candidate as a hypothetical
 * index (hypopg) or as a real index built inside a transaction that is rolled back, keep those the planner uses
 * and that save at least 1% of the cost. Everything runs in one transaction that is always rolled back.
 */
export async function adviseIndexes(
  client: pg.Client,
  sql: string,
  options: { useHypopg: boolean },
): Promise<AdviceResult> {
  const statement = singleStatement(sql);
  await run(client, 'BEGIN');
  try {
    // Building a real index takes a lock: never wait long for it.
    await run(client, "SET LOCAL lock_timeout = '3s'");
    const base = await explain(client, statement);
    const costBefore = base['Total Cost'];
    const method = options.useHypopg && (await enableHypopg(client)) ? 'hypopg' : 'rollback';
    const measured: IndexAdvice[] = [];
    for (const candidate of candidatesOf(base)) {
      const result =
        method === 'hypopg'
          ? await measureHypothetical(client, statement, candidate)
          : await measureBuilt(client, statement, candidate);
      if (!result.used || costBefore <= 0) continue;
      const improvement = ((costBefore - result.cost) / costBefore) * 100;
      if (improvement < minimumImprovement) continue;
      const name = indexName(candidate.table, candidate.columns);
      measured.push({
        ...candidate,
        statement: createStatement(candidate, name),
        sizeBytes: result.sizeBytes,
        improvement,
        costBefore,
        costAfter: result.cost,
      });
    }
    measured.sort((a, b) => b.improvement - a.improvement || a.columns.length - b.columns.length);
    // One index per table and leading column: a composite and its prefix would be redundant.
    const chosen: IndexAdvice[] = [];
    for (const advice of measured) {
      const clash = chosen.some(
        (c) => c.schema === advice.schema && c.table === advice.table && c.columns[0] === advice.columns[0],
      );
      if (!clash && chosen.length < maxIndexes) chosen.push(advice);
    }
    return { advice: chosen, method, costBefore };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

export function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)}MB`;
}

export function formatImprovement(percent: number): string {
  return `${percent.toFixed(2)}%`;
}
