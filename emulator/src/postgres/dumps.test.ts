import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../testing/emulator-fixture.ts';
import { connect, isAvailable, quickStartCluster, type ClusterView } from '../testing/harness.ts';
import { conninfoValue } from './dumps.ts';

/** Names a cluster's users may choose that a program would read as options or connection settings if unquoted. */
const hostileNames = [
  'host=127.0.0.1 port=1 dbname=x',
  '-f/tmp/x',
  'postgres://evil@10.0.0.1/x',
  `it's "quoted"`,
  'line\nbreak',
  'back\\slash\\',
  '数据库 ünïcode',
  'evil\nCREATE ROLE postgres;',
];

const password = 'Dws2017demo!';
const dumps = useTestEmulator('dumps');

interface Contents {
  databases: string[];
  roles: string[];
  schemas: Record<string, string[]>;
  rows: Record<string, string[]>;
}

async function contents(cluster: ClusterView): Promise<Contents> {
  const main = await connect(cluster, password);
  let databases: string[];
  let roles: string[];
  try {
    databases = (
      await main.query<{ datname: string }>(
        // test_db is DBMind's demo database, which the emulator may add to either cluster at any moment.
        "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'test_db' ORDER BY datname",
      )
    ).rows.map((r) => r.datname);
    roles = (
      await main.query<{ rolname: string }>(
        "SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' ORDER BY rolname",
      )
    ).rows.map((r) => r.rolname);
  } finally {
    await main.end();
  }
  const schemas: Record<string, string[]> = {};
  const rows: Record<string, string[]> = {};
  for (const database of hostileNames) {
    const client = await connect(cluster, password, database);
    try {
      schemas[database] = (
        await client.query<{ nspname: string }>(
          "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY nspname",
        )
      ).rows.map((r) => r.nspname);
      rows[database] = [];
      for (const schema of hostileNames) {
        const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(schema)}`;
        const result = await client.query<{ note: string }>(`SELECT note FROM ${table} ORDER BY note`);
        rows[database].push(...result.rows.map((r) => r.note));
      }
    } finally {
      await client.end();
    }
  }
  return { databases, roles, schemas, rows };
}

async function fill(client: pg.Client, database: string): Promise<void> {
  for (const schema of hostileNames) {
    const name = client.escapeIdentifier(schema);
    await client.query(`CREATE SCHEMA ${name}`);
    await client.query(`CREATE TABLE ${name}.${name} (note text)`);
    await client.query(`INSERT INTO ${name}.${name} VALUES ($1)`, [`${database} / ${schema}`]);
  }
}

describe('snapshots of a cluster whose names look like options or connection settings', () => {
  it('quotes a connection-string value so that it stays one value', () => {
    expect(conninfoValue(`a'b\\c d=e`)).toBe(`'a\\'b\\\\c d=e'`);
  });

  it('snapshot and restore keep every database, role, schema and row exactly', async () => {
    const created = await dumps.admin.call<{ cluster: { id: string } }>('POST', '/clusters', {
      cluster: quickStartCluster('hostile-names'),
    });
    expect(created.status).toBe(200);
    const source = (await dumps.admin.waitForCluster(created.body.cluster.id, isAvailable, 300_000)).at(
      -1,
    ) as ClusterView;

    const client = await connect(source, password);
    try {
      for (const name of hostileNames) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        await client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN`);
      }
    } finally {
      await client.end();
    }
    for (const database of hostileNames) {
      const inside = await connect(source, password, database);
      try {
        await fill(inside, database);
      } finally {
        await inside.end();
      }
    }
    const before = await contents(source);
    expect(before.databases).toEqual(expect.arrayContaining(hostileNames));
    expect(before.roles).toEqual(expect.arrayContaining(hostileNames));

    const snapshot = await dumps.admin.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
      snapshot: { name: 'hostile-names-1', cluster_id: source.id },
    });
    expect(snapshot.status).toBe(200);
    const done = await dumps.admin.waitForSnapshot(
      snapshot.body.snapshot.id,
      (s) => s.status !== 'CREATING',
      300_000,
    );
    expect(done.status).toBe('AVAILABLE');

    const restored = await dumps.admin.call<{ cluster: { id: string } }>(
      'POST',
      `/snapshots/${done.id}/actions`,
      {
        restore: { name: 'hostile-names-restored' },
      },
    );
    expect(restored.status).toBe(200);
    const target = (await dumps.admin.waitForCluster(restored.body.cluster.id, isAvailable, 300_000)).at(
      -1,
    ) as ClusterView;
    expect(await contents(target)).toEqual(before);
  }, 900_000);
});
