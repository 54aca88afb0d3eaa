import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { benchClusterRequest, DwsApi } from './dws-api.ts';
import { pgTool, psql, type PgTarget } from './pg-tools.ts';
import type { Figure } from './results.ts';
import { emulatorSpeed, type BenchStack } from './stack.ts';
import { median, timed } from './stats.ts';

const creations = 3;
const adviceRuns = 3;
const rows = 1_000_000;
/** Demo-pace waits the emulator simulates around the real work (emulator/src/dws/pacer.ts), in seconds. */
const simulated = { create: 30, snapshot: 10, restore: 30 };
const password = 'Bench@Cluster2026';
const question = `数据库test_db中有条sql语句select * from t1 where id = 10000;请帮我进行一下索引推荐`;

interface ClusterBody {
  cluster: {
    id: string;
    status: string;
    endpoints?: { connect_info: string }[];
    failed_reasons?: { error_msg: string } | null;
  };
}
interface SnapshotBody {
  snapshot: { id: string; status: string; size: number };
}

const mb = (bytes: number) => bytes / 1e6;
const simulatedNote = (seconds: number) =>
  `EMULATOR_SPEED=${emulatorSpeed}: ${(seconds / emulatorSpeed).toFixed(1)} s of it simulated waiting, ${seconds} s at speed 1`;

function clusterFailure(body: ClusterBody): string | undefined {
  const { status, failed_reasons: failed } = body.cluster;
  return /FAIL|UNAVAILABLE/.test(status) ? `${status}: ${failed?.error_msg ?? ''}` : undefined;
}

/**
 * 6. The emulator: create to AVAILABLE through the DWS API; snapshot and restore of a 1,000,000-row table against
 * pg_dump and pg_restore alone on the same data; DBMind's index advice on that table over mutual TLS.
 */
export async function benchEmulator(stack: BenchStack, log: (line: string) => void): Promise<Figure[]> {
  const ca = await readFile(stack.pki.ca);
  const dws = new DwsApi(stack.cloudUrl, stack.projectId, stack.token, ca);
  const figures: Figure[] = [];
  try {
    const createCluster = async (name: string) => {
      const { cluster } = await dws.call<{ cluster: { id: string } }>(
        'POST',
        '/clusters',
        benchClusterRequest(name, password),
      );
      return cluster.id;
    };
    const untilAvailable = (id: string) =>
      dws.waitFor<ClusterBody>(`/clusters/${id}`, (b) => b.cluster.status === 'AVAILABLE', clusterFailure);
    const adminOf = (body: ClusterBody): PgTarget => {
      const port = Number(body.cluster.endpoints?.[0]?.connect_info.split(':').pop());
      if (!port) throw new Error(`cluster ${body.cluster.id} has no endpoint`);
      return { port, user: 'dbadmin', password };
    };

    // Creation, one at a time, as a user would wait for it.
    const createSeconds: number[] = [];
    let first: ClusterBody | undefined;
    for (let i = 1; i <= creations; i += 1) {
      const { seconds, result } = await timed(async () =>
        untilAvailable(await createCluster(`bench-create-${i}`)),
      );
      createSeconds.push(seconds);
      first ??= result;
    }
    log(`emulator: create → AVAILABLE ${createSeconds.map((s) => s.toFixed(2)).join(', ')} s`);
    figures.push({
      section: 'Emulator',
      name: `create → AVAILABLE through the DWS API, median of ${creations}`,
      value: median(createSeconds),
      unit: 's',
      note: simulatedNote(simulated.create),
      comparedWith: `each: ${createSeconds.map((s) => s.toFixed(1)).join(', ')} s (initdb, start, bootstrap)`,
      target: 'none set',
    });

    // The data: the seed's t1 at a million rows, in test_db of the first cluster.
    const source = adminOf(first!);
    await psql(source, 'gaussdb', 'CREATE DATABASE test_db');
    await psql(
      source,
      'test_db',
      `CREATE TABLE public.t1 (id integer NOT NULL, name text NOT NULL, amount numeric(12, 2) NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now());
       INSERT INTO public.t1 (id, name, amount, created_at)
         SELECT g, 'customer_' || g, ((g::bigint * 7919) % 1000000) / 100.0, now() - (g || ' seconds')::interval
           FROM generate_series(1, ${rows}) AS g;`,
    );
    await psql(source, 'test_db', 'ANALYZE public.t1');
    const dataBytes = Number(await psql(source, 'test_db', "SELECT pg_database_size('test_db')"));
    const dataMb = mb(dataBytes);
    log(`emulator: test_db holds ${rows} rows, ${dataMb.toFixed(1)} MB`);

    // pg_dump alone, then the snapshot through the API (which dumps every database and the roles).
    const dumpDir = path.join(stack.dataDir, 'bench-dumps');
    await mkdir(dumpDir, { recursive: true });
    const dumpFile = path.join(dumpDir, 'test_db.dump');
    const dump = await timed(() => pgTool('pg_dump', source, ['-Fc', '-d', 'test_db', '-f', dumpFile]));
    const dumpBytes = (await stat(dumpFile)).size;
    const snapshot = await timed(async () => {
      const { snapshot: created } = await dws.call<{ snapshot: { id: string } }>('POST', '/snapshots', {
        snapshot: { name: 'bench-snapshot', cluster_id: first!.cluster.id },
      });
      return dws.waitFor<SnapshotBody>(
        `/snapshots/${created.id}`,
        (b) => b.snapshot.status === 'AVAILABLE',
        (b) => (b.snapshot.status === 'UNAVAILABLE' ? 'the snapshot failed' : undefined),
      );
    });
    const snapshotBytes = snapshot.result.snapshot.size * 2 ** 30;
    log(
      `emulator: pg_dump ${dump.seconds.toFixed(2)} s (${mb(dumpBytes).toFixed(1)} MB archive); snapshot ${snapshot.seconds.toFixed(2)} s (${mb(snapshotBytes).toFixed(1)} MB)`,
    );
    figures.push({
      section: 'Emulator',
      name: `snapshot → AVAILABLE through the DWS API, ${rows.toLocaleString('en-US')}-row table (${dataMb.toFixed(0)} MB database)`,
      value: dataMb / snapshot.seconds,
      unit: 'MB/s',
      note: `${snapshot.seconds.toFixed(1)} s; all databases and roles; ${simulatedNote(simulated.snapshot)}`,
      comparedWith: `pg_dump -Fc of test_db alone: ${(dataMb / dump.seconds).toFixed(1)} MB/s (${dump.seconds.toFixed(1)} s)`,
      target: 'none set',
    });

    // pg_restore alone into a fresh database, then the restore through the API into a new cluster.
    await psql(source, 'gaussdb', 'CREATE DATABASE test_db_copy');
    const pgRestore = await timed(() =>
      pgTool('pg_restore', source, ['-d', 'test_db_copy', '--exit-on-error', dumpFile]),
    );
    const restore = await timed(async () => {
      const { cluster } = await dws.call<{ cluster: { id: string } }>(
        'POST',
        `/snapshots/${snapshot.result.snapshot.id}/actions`,
        { restore: { name: 'bench-restored' } },
      );
      return untilAvailable(cluster.id);
    });
    const restoredRows = Number(await psql(adminOf(restore.result), 'test_db', 'SELECT count(*) FROM t1'));
    if (restoredRows !== rows) throw new Error(`the restored cluster has ${restoredRows} rows, not ${rows}`);
    log(
      `emulator: pg_restore ${pgRestore.seconds.toFixed(2)} s; restore to a new cluster ${restore.seconds.toFixed(2)} s`,
    );
    figures.push({
      section: 'Emulator',
      name: `restore of that snapshot to a new cluster → AVAILABLE through the DWS API`,
      value: dataMb / restore.seconds,
      unit: 'MB/s',
      note: `${restore.seconds.toFixed(1)} s, including initdb and start; ${simulatedNote(simulated.restore)}`,
      comparedWith: `pg_restore into a fresh database alone: ${(dataMb / pgRestore.seconds).toFixed(1)} MB/s (${pgRestore.seconds.toFixed(1)} s)`,
      target: 'none set',
    });

    figures.push(await benchIndexAdvice(stack, source, log));
  } finally {
    await dws.close();
  }
  return figures;
}

/** DBMind's index advice for the seed's first question, asked straight over mutual TLS with the development PKI. */
async function benchIndexAdvice(
  stack: BenchStack,
  source: PgTarget,
  log: (line: string) => void,
): Promise<Figure> {
  const [ca, cert, key, pass] = await Promise.all([
    readFile(stack.pki.ca),
    readFile(stack.pki.clientCert),
    readFile(stack.pki.clientKey),
    readFile(stack.pki.clientPass, 'utf8'),
  ]);
  const dispatcher = new Agent({ connect: { ca, cert, key, passphrase: pass.trim() } });
  const user = { user_id: 'bench_user', session_id: 'bench_advice' };
  const dbmind = async (method: 'POST' | 'PUT', route: string, body: unknown) => {
    const response = await fetch(`${stack.dbmindUrl}${route}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json' },
      body: JSON.stringify(body),
      dispatcher,
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`DBMind ${route}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return text;
  };
  try {
    // The session asks about the cluster holding the million rows, whichever DBMind would pick first.
    const instance = `127.0.0.1:${source.port}`;
    await dbmind('POST', '/v1/api/clusters/register', {
      cluster_name: 'bench-create-1',
      host: '127.0.0.1',
      port: source.port,
      username: source.user,
      password: source.password,
    });
    const switched = await dbmind('PUT', '/v1/api/clusters', { instance, ...user });
    if (!switched.includes('true')) throw new Error(`DBMind did not switch to ${instance}: ${switched}`);

    const seconds: number[] = [];
    for (let i = 0; i < adviceRuns; i += 1) {
      const { seconds: took, result: answer } = await timed(() =>
        dbmind('POST', '/v1/api/app/intelligent-interaction', {
          query: question,
          mode: 'tool_interaction',
          ...user,
          history_len: 1,
        }),
      );
      if (!/CREATE INDEX/i.test(answer) || answer.includes('"success":false')) {
        throw new Error(`DBMind gave no index advice: ${answer.slice(0, 500)}`);
      }
      seconds.push(took);
    }
    // Without hypopg in the database (the administrator may not install it: it is not a trusted extension),
    // DBMind measures each candidate as a real index built in a transaction it rolls back.
    const hasHypopg =
      (await psql(source, 'test_db', "SELECT count(*) FROM pg_extension WHERE extname = 'hypopg'")) !== '0';
    // What the advice costs against simply building the index on the same rows (in the pg_restore copy).
    const build = await timed(() => psql(source, 'test_db_copy', 'CREATE INDEX bench_build ON t1 (id)'));
    log(
      `emulator: index advice ${seconds.map((s) => s.toFixed(2)).join(', ')} s; building the index ${build.seconds.toFixed(2)} s`,
    );
    return {
      section: 'Emulator',
      name: `DBMind index advice on a ${rows.toLocaleString('en-US')}-row table (seed's first question, mutual TLS), median of ${adviceRuns}`,
      value: median(seconds),
      unit: 's',
      note: hasHypopg
        ? 'hypothetical indexes (hypopg)'
        : 'no hypopg in test_db: each candidate built for real in a rolled-back transaction',
      comparedWith: `CREATE INDEX on t1 (id) alone: ${build.seconds.toFixed(2)} s`,
      target: 'none set',
    };
  } finally {
    await dispatcher.close();
  }
}
