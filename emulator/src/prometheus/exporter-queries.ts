/**
 * The PostgreSQL exporter's own query for DBMind's figures (its `--extend.query-path` file; JSON is YAML). Each
 * column becomes `dbmind_<column>`. Connections are what `pg_stat_activity` counts, less the exporter's own (it may
 * hold two at a scrape); the slots in use count every session, the exporter's too, since it takes a slot as well.
 */
export function exporterQueries(longTransactionSeconds: number): unknown {
  const gauge = (description: string) => ({ usage: 'GAUGE', description });
  const counter = (description: string) => ({ usage: 'COUNTER', description });
  return {
    dbmind: {
      query: `
SELECT
  (SELECT count(*) FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND application_name <> 'dbmind_exporter')::float8 AS total_connection,
  (SELECT count(*) FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND state = 'active' AND application_name <> 'dbmind_exporter')::float8
     AS active_connection,
  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::float8 AS connections_in_use,
  (current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int)::float8
     AS connection_limit,
  (SELECT count(*) FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND application_name <> 'dbmind_exporter'
       AND xact_start < now() - make_interval(secs => ${Number(longTransactionSeconds)}))::float8 AS long_transactions,
  (SELECT count(*) FROM pg_locks WHERE NOT granted)::float8 AS lock_waits,
  (SELECT coalesce(sum(xact_commit + xact_rollback), 0) FROM pg_stat_database)::float8 AS xacts,
  (SELECT coalesce(sum(deadlocks), 0) FROM pg_stat_database)::float8 AS deadlocks,
  (SELECT CASE WHEN sum(blks_hit + blks_read) > 0 THEN sum(blks_hit) * 100.0 / sum(blks_hit + blks_read) END
     FROM pg_stat_database)::float8 AS cache_hit_ratio,
  (SELECT coalesce(sum(pg_database_size(oid)), 0) FROM pg_database WHERE datallowconn)::float8 AS db_size_bytes,
  CASE WHEN pg_is_in_recovery() THEN 0 ELSE
    (SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), 0) FROM pg_replication_slots)
  END::float8 AS slot_retained_bytes`,
      metrics: [
        { total_connection: gauge('Client sessions in pg_stat_activity') },
        { active_connection: gauge('Client sessions running a statement') },
        {
          connections_in_use: gauge("Client sessions holding a connection slot, the exporter's own included"),
        },
        { connection_limit: gauge('max_connections less the superuser reserve') },
        { long_transactions: gauge(`Transactions open longer than ${longTransactionSeconds} s`) },
        { lock_waits: gauge('Locks waited for') },
        { xacts: counter('Transactions committed or rolled back') },
        { deadlocks: counter('Deadlocks detected') },
        { cache_hit_ratio: gauge('Share of block reads served by shared buffers, percent') },
        { db_size_bytes: gauge('Size of every database that accepts connections') },
        { slot_retained_bytes: gauge('WAL the oldest replication slot holds back') },
      ],
    },
  };
}
