import pg from 'pg';
import type { ConnectionTarget } from '../postgres/connection-target.ts';
import { describeDatabaseError, ToolError } from './errors.ts';

export interface ClientOptions {
  /** Server-side `statement_timeout` for every statement of the session. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Let pg_stat_statements count this session's statements. Off by default: DBMind's own queries (sampling,
   * EXPLAIN, checks) would otherwise crowd the user's statements out of the Top SQL list.
   */
  trackStatements?: boolean;
}

/** Opens one connection, runs `fn`, always closes it. Connection failures become `ToolError`s with a reason. */
export async function withClient<T>(
  target: ConnectionTarget,
  fn: (client: pg.Client) => Promise<T>,
  options: ClientOptions = {},
): Promise<T> {
  const client = await connect(target, options);
  const abort = () => void client.end().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    return await fn(client);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}

/** Connects or throws a `ToolError` naming the instance and the cause (never the password). */
export async function connect(target: ConnectionTarget, options: ClientOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    application_name: 'dbmind',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    query_timeout: (options.statementTimeoutMs ?? 15_000) + 5000,
  });
  // A server that goes away mid-session emits 'error' on the client; the pending query rejects anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new ToolError(
      `无法连接到实例${target.host}:${target.port}的数据库${target.database}：${describeDatabaseError(error)}`,
      { cause: error },
    );
  }
  if (!options.trackStatements) {
    // Only superusers may change it once the library is loaded; others are simply counted.
    await client.query("SET pg_stat_statements.track = 'none'").catch(() => undefined);
  }
  return client;
}

/** Runs a query and turns database errors into `ToolError`s. */
export async function query<R extends pg.QueryResultRow>(
  client: pg.Client,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  try {
    const result = await client.query<R>({ text, values });
    return result.rows;
  } catch (error) {
    throw new ToolError(`SQL执行失败：${describeDatabaseError(error)}`, { cause: error });
  }
}
