import { exampleClusterRequest } from '@dws-console/shared';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { MemoryAnswerStore } from '../dbmind/answer-store.ts';
import { rememberSecrets } from '@dws-console/emulator/testing';
import { registerCluster } from '../testing/clusters.ts';
import { startHarness, testRunDir, type Harness } from '../testing/harness.ts';
import { csrfJson, eventually, gauge, readEvents } from '../testing/probes.ts';

/**
 * Scripted users against the real emulator through the BFF: each logs in, then lists the clusters,
 * opens the demo cluster and asks DBMind a question (reading the whole answer) until the time is up,
 * then logs out. Nothing may fail, and afterwards streams, answers and sessions are back to where they
 * were and the heap is not holding on to the run.
 */

const users = Number(process.env.RESILIENCE_LOAD_USERS ?? 200);
const seconds = Number(process.env.RESILIENCE_LOAD_SECONDS ?? 30);
/** Answers are forgotten this long after their last event, so a finished run leaves none behind. */
const answerTtlMs = 2000;
/**
 * How much the heap may grow over the run once everything has settled and been collected. Measured on
 * this machine: +4.5 MiB after ~11,500 rounds (~46,000 requests). A leak of 400 bytes a request would
 * exceed the bound; ordinary variation (code the run optimised, pools) stays well below it.
 */
const heapGrowthBoundBytes = 16 * 1024 * 1024;

// The emulator's users for this run: the shipped demo users plus `load-001`...; the secret scan of the
// logs is told their passwords (scripts/scan-secrets.mjs).
const iamDir = path.join(testRunDir, 'load-users');
const userName = (i: number) => `load-${String(i + 1).padStart(3, '0')}`;
const password = (i: number) =>
  `Load@${createHash('sha256').update(`load-user-${i}`).digest('hex').slice(0, 12)}`;

async function writeIamConfig(): Promise<string> {
  const shipped = path.resolve(import.meta.dirname, '../../../emulator/config/iam.json');
  const config = JSON.parse(await readFile(shipped, 'utf8')) as {
    domains: { users: { id: string; name: string; password: string; roles: string[] }[] }[];
  };
  for (let i = 0; i < users; i += 1) {
    rememberSecrets(password(i));
    config.domains[0]!.users.push({
      id: createHash('md5').update(userName(i)).digest('hex'),
      name: userName(i),
      password: password(i),
      roles: ['DWS ReadOnlyAccess'],
    });
  }
  await mkdir(iamDir, { recursive: true });
  const file = path.join(iamDir, 'iam.json');
  await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return file;
}

/** The collector, without a --expose-gc flag on the command line (vitest starts the worker). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().heapUsed;
}

/** PostgreSQL servers (and anything else) still running from this harness's data directory. */
function processesUsing(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(dir));
}

/**
 * The answers' clock: moved past their time to live once the run is over, so the next answer sweeps
 * every answer of the run out of the store without the test waiting for the time to pass.
 */
let answerClockSkewMs = 0;
const answers = new MemoryAnswerStore({ ttlMs: answerTtlMs, now: () => Date.now() + answerClockSkewMs });

/**
 * The connections the servers of this process (the BFF, IAM and DWS, DBMind) have served a request on, until
 * each closes: the heap is measured once the run's idle keep-alive connections are gone.
 */
const servedConnections = new Set<Socket>();
function trackConnection(message: unknown): void {
  const { socket } = message as { socket: Socket };
  if (servedConnections.has(socket)) return;
  servedConnections.add(socket);
  socket.once('close', () => servedConnections.delete(socket));
}
diagnostics.subscribe('http.server.request.start', trackConnection);

let harness: Harness;
let closed = false;
let clusterId = '';

beforeAll(async () => {
  harness = await startHarness(
    {},
    {
      emulatorEnv: {
        EMULATOR_IAM_CONFIG: await writeIamConfig(),
        EMULATOR_SPEED: '100',
        EMULATOR_PG_FSYNC: 'off',
        EMULATOR_DBMIND_DEMO_DATA: 'off',
      },
      answers,
      // The run asks whether anything fails and whether everything settles, not how fast (that is the bench's):
      // on a machine busy with the other suites an upstream answer may take longer than the console's 5 s.
      iamTimeoutMs: 30_000,
      dwsTimeoutMs: 30_000,
      dbmindTimeoutMs: 30_000,
      // The emulator and the test share this process's heap: only the BFF's own state should count.
      keepLogsInMemory: false,
    },
  );
  // One real cluster (a PostgreSQL server) for everybody to open.
  const admin = await harness.logIn();
  const created = await harness.request('/api/dws/clusters', {
    method: 'POST',
    cookie: admin,
    headers: csrfJson,
    body: JSON.stringify(exampleClusterRequest('load-cluster', 'Load@Cluster2026')),
  });
  expect(created.status).toBe(200);
  clusterId = ((await created.json()) as { cluster: { id: string } }).cluster.id;
  // Creating a PostgreSQL server on a busy machine takes a while: a generous bound, not a speed check.
  let address = '';
  await vi.waitFor(
    async () => {
      const detail = await harness.request(`/api/dws/clusters/${clusterId}`, { cookie: admin });
      const { cluster } = (await detail.json()) as {
        cluster: { status: string; endpoints?: { connect_info: string }[] };
      };
      expect(cluster.status).toBe('AVAILABLE');
      address = cluster.endpoints?.[0]?.connect_info ?? '';
    },
    { timeout: 120_000, interval: 200 },
  );
  // The assistant answers only about a registered cluster of the project.
  const registered = await registerCluster(
    harness,
    admin,
    { id: clusterId, address, password: 'Load@Cluster2026' },
    'load-cluster',
  );
  expect(((await registered.json()) as { data: { status: number } }).data.status).toBe(0);
  await harness.request('/api/session', { method: 'DELETE', cookie: admin, headers: csrfJson });
}, 180_000);

afterAll(async () => {
  diagnostics.unsubscribe('http.server.request.start', trackConnection);
  if (!closed) await harness?.close();
});

interface UserRun {
  rounds: number;
  failures: string[];
}

/** User `i` works until `until`, or for `rounds` rounds when that is given. */
async function scriptedUser(i: number, until: number, rounds?: number): Promise<UserRun> {
  const run: UserRun = { rounds: 0, failures: [] };
  const step = async (what: string, action: () => Promise<boolean | string>) => {
    try {
      const outcome = await action();
      if (outcome !== true) run.failures.push(`${userName(i)} ${what}: ${String(outcome)}`);
      return outcome === true;
    } catch (error) {
      run.failures.push(`${userName(i)} ${what}: ${(error as Error).message}`);
      return false;
    }
  };
  let cookie = '';
  const loggedIn = await step('log in', async () => {
    cookie = await harness.logIn(userName(i), password(i));
    return true;
  });
  if (!loggedIn) return run;
  const goOn = () => (rounds === undefined ? Date.now() < until : run.rounds < rounds);
  while (goOn() && run.failures.length === 0) {
    await step('list clusters', async () => {
      const response = await harness.request('/api/dws/clusters', { cookie });
      const body = (await response.json()) as { count?: number };
      return response.status === 200 && body.count === 1
        ? true
        : `${response.status} ${JSON.stringify(body)}`;
    });
    await step('open the cluster', async () => {
      const response = await harness.request(`/api/dws/clusters/${clusterId}`, { cookie });
      const body = (await response.json()) as { cluster?: { id: string } };
      return response.status === 200 && body.cluster?.id === clusterId ? true : `${response.status}`;
    });
    await step('ask DBMind', async () => {
      const response = await harness.request('/api/dbmind/intelligent-interaction', {
        method: 'POST',
        cookie,
        headers: { ...csrfJson, Accept: 'text/event-stream' },
        body: JSON.stringify({
          query: '当前有哪些告警',
          // One chat session per user, as in the console: DBMind keeps per-session state.
          session_id: `load_${i}`,
          mode: 'tool_interaction',
        }),
      });
      if (response.status !== 200) return `${response.status} ${await response.text()}`;
      const names = (await readEvents(response)).map((event) => event.event ?? 'message');
      const complete = names.at(-1) === 'end' && names.includes('message') && !names.includes('relay-error');
      return complete ? true : `events ${names.join(',')}`;
    });
    run.rounds += 1;
  }
  await step('log out', async () => {
    const response = await harness.request('/api/session', { method: 'DELETE', cookie, headers: csrfJson });
    return response.status === 204 ? true : `${response.status}`;
  });
  return run;
}

it(
  `serves ${users} scripted users for ${seconds} s without an error, and settles back afterwards`,
  { timeout: seconds * 1000 + 240_000 },
  async () => {
    const gc = collector();
    // A short warm-up so the baseline includes what the first requests build once (JIT, pools, caches).
    await Promise.all([0, 1].map((i) => scriptedUser(i, Date.now() + 1000)));
    await eventually(async () => expect(await gauge(harness, 'bff_running_answers')).toBe(0));
    const baselineSessions = await gauge(harness, 'bff_active_sessions');
    const baselineHeap = await settledHeap(gc);

    const started = Date.now();
    const runs = await Promise.all(
      Array.from({ length: users }, (_, i) => scriptedUser(i, started + seconds * 1000)),
    );
    const failures = runs.flatMap((run) => run.failures);
    expect(failures.slice(0, 10), `${failures.length} failures`).toEqual([]);
    expect(runs.every((run) => run.rounds > 0)).toBe(true);
    const rounds = runs.reduce((total, run) => total + run.rounds, 0);

    await eventually(async () => {
      expect(await gauge(harness, 'bff_open_streams')).toBe(0);
      expect(await gauge(harness, 'bff_running_answers')).toBe(0);
      expect(await gauge(harness, 'bff_active_sessions')).toBe(baselineSessions);
    });
    // The run's last answers are still held: the sweep below has something to prove.
    expect(answers.size).toBeGreaterThan(1);
    // Past the answers' time to live, one more answer sweeps all of the run's out of the store.
    answerClockSkewMs = answerTtlMs + 1;
    const sweep = await scriptedUser(0, 0, 1);
    expect(sweep).toEqual({ rounds: 1, failures: [] });
    expect(answers.size).toBe(1);
    // The hundreds of idle TLS connections of the run close at the keep-alive timeout (the servers' or the
    // clients', whichever comes first): the heap is measured once every one of them has.
    expect(servedConnections.size).toBeGreaterThan(0);
    await Promise.all([...servedConnections].map((socket) => once(socket, 'close')));
    const finalHeap = await settledHeap(gc);
    const growth = finalHeap - baselineHeap;
    console.log(
      `load: ${users} users, ${seconds} s, ${rounds} rounds (${rounds * 3} API calls + log-ins), ` +
        `heap ${(baselineHeap / 2 ** 20).toFixed(1)} MiB -> ${(finalHeap / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(growth).toBeLessThan(heapGrowthBoundBytes);
  },
);

it('leaves no PostgreSQL server or other process behind when it stops', async () => {
  const dir = harness.dataDir;
  expect(processesUsing(dir).length).toBeGreaterThan(0);
  await harness.close();
  closed = true;
  await eventually(() => expect(processesUsing(dir)).toEqual([]));
});
