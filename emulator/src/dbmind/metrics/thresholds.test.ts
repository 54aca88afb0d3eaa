import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterQueries } from '../../prometheus/exporter-queries.ts';
import { connect, withClient } from '../pg-client.ts';
import { startTestPostgres, superuserOf, type TestPostgres } from '../testing/postgres-server.ts';
import { defaultThresholds, isLongTransaction, isSlowQuery } from './thresholds.ts';

describe('what counts as long, as the alarm words it ("持续超过N秒")', () => {
  const limit = defaultThresholds.longTransactionSeconds;

  it('a transaction open exactly the limit is not long yet; one open a moment longer is', () => {
    expect(isLongTransaction(limit, defaultThresholds)).toBe(false);
    expect(isLongTransaction(limit + 0.001, defaultThresholds)).toBe(true);
  });

  it('a statement running exactly the slow-query limit is not slow yet; one running a moment longer is', () => {
    expect(isSlowQuery(defaultThresholds.slowQuerySeconds, defaultThresholds)).toBe(false);
    expect(isSlowQuery(defaultThresholds.slowQuerySeconds + 0.001, defaultThresholds)).toBe(true);
  });
});

describe("the exporter's count, which DBMind's rule judges", () => {
  let server: TestPostgres;

  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);

  afterAll(async () => {
    await server?.destroy();
  });

  /** The exporter's query with a limit of 0 s, run by a session of its own that is not the exporter. */
  async function longTransactionsCounted(): Promise<number> {
    const { dbmind } = exporterQueries(0) as { dbmind: { query: string } };
    return withClient(superuserOf(server), async (client) => {
      const { rows } = await client.query<{ long_transactions: number }>(dbmind.query);
      return rows[0]!.long_transactions;
    });
  }

  it('leaves out a transaction open exactly the limit, and counts one open longer', async () => {
    // The query's own transaction started at its now(): open exactly 0 s when it is counted.
    expect(await longTransactionsCounted()).toBe(0);
    const open = await connect(superuserOf(server));
    try {
      await open.query('BEGIN');
      await open.query('SELECT 1');
      expect(await longTransactionsCounted()).toBe(1);
    } finally {
      await open.end();
    }
  });
});
