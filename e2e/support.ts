import { appendFileSync, mkdirSync } from 'node:fs';
import nodePath from 'node:path';
import {
  expect,
  request,
  test as base,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { emulatorPort } from './ports.ts';

/**
 * Where the journeys tell `npm test`'s secret scan (scripts/scan-secrets.mjs) which passwords and session
 * ids they used, so it can look for each of them in the console's and the emulator's logs.
 */
const secretsFile = nodePath.resolve(import.meta.dirname, '../.data/e2e/secrets/journeys.txt');
const remembered = new Set<string>();
const secretKey = /pass(word|phrase)?$|pwd$|^password/i;

export function rememberSecrets(...secrets: (string | undefined)[]) {
  const fresh = secrets.filter((s): s is string => Boolean(s) && !remembered.has(s!));
  if (fresh.length === 0) return;
  for (const secret of fresh) remembered.add(secret);
  mkdirSync(nodePath.dirname(secretsFile), { recursive: true });
  appendFileSync(secretsFile, fresh.map((s) => `${s}\n`).join(''), { mode: 0o600 });
}

function secretsInJson(text: string | null): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string' && secretKey.test(key)) found.push(child);
        else visit(child);
      }
  };
  try {
    visit(JSON.parse(text ?? 'null'));
  } catch {
    // Not JSON: no fields to read.
  }
  return found;
}

/** Every password the page sends, from the log-in on. */
function recordSecretsOf(page: Page) {
  page.on('request', (request) => rememberSecrets(...secretsInJson(request.postData())));
}

/**
 * Logs in through the form, as a user would, and lands on `path`. From the `keyboard` alone, the user types into
 * the field that has the focus on arrival, tabs to the password and submits with Enter.
 */
export async function logIn(
  page: Page,
  path: string,
  user = 'admin',
  password = 'Admin@12345',
  { keyboard = false } = {},
) {
  recordSecretsOf(page);
  rememberSecrets(password);
  await page.goto(path);
  if (keyboard) {
    await expect(page.getByLabel('IAM 用户名')).toBeFocused();
    await page.keyboard.type(user);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('密码')).toBeFocused();
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('IAM 用户名').fill(user);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  }
  await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
  // The session id the console gave (response headers do not show cookies, the browser's jar does).
  const cookies = await page.context().cookies();
  rememberSecrets(cookies.find((c) => c.name === '__Host-dws-session')?.value);
}

interface ClusterSummary {
  id: string;
  name: string;
  status: string;
  endpoints?: { connect_info: string }[];
}

/**
 * The demo cluster (it holds test_db), once `npm start` has registered it with DBMind (no journey registers it);
 * answers its id.
 */
export async function registeredDemoCluster(page: Page): Promise<string> {
  let cluster: ClusterSummary | undefined;
  await expect
    .poll(
      async () => {
        const { clusters } = (await (await callApi(page, 'GET', '/api/dws/clusters')).json()) as {
          clusters: ClusterSummary[];
        };
        cluster = clusters.find((c) => c.name === 'demo-cluster' && c.status === 'AVAILABLE');
        const address = cluster?.endpoints?.[0]?.connect_info;
        if (!address) return false;
        const { data } = (await (await callApi(page, 'GET', '/api/dbmind/clusters')).json()) as {
          data: Record<string, { cluster_name: string; managed: boolean }>;
        };
        return data[address]?.managed === true && data[address]?.cluster_name === 'demo-cluster';
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
  return cluster!.id;
}

/** Registers an available cluster with DBMind through the console, with its administrator, as a user does. */
export async function registerWithDbmind(
  page: Page,
  cluster: { name: string; endpoints?: { connect_info: string }[] },
  password: string,
) {
  const [host, port] = cluster.endpoints![0]!.connect_info.split(':');
  const registered = await callApi(page, 'POST', '/api/dbmind/clusters/register', {
    cluster_name: cluster.name,
    host,
    port: Number(port),
    username: 'dbadmin',
    password,
  });
  expect(((await registered.json()) as { data: { status: number } }).data.status).toBe(0);
}

/** The administrator password every scratch cluster starts with. */
/**
 * Chooses `text` in an antd select by typing it and clicking the option it leaves: Enter right after typing
 * takes whichever option is active at that moment, which may still be none while the list filters.
 */
export async function pickOption(field: Locator, text: string) {
  await field.fill(text);
  await field
    .page()
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

export const scratchPassword = 'Tide-Pool-42';
rememberSecrets(scratchPassword);

/** A name no other journey or earlier run uses. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** The console's own API with the page's session, as the app calls it (same cookie, the CSRF header). */
export async function callApi(page: Page, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  return page.request.fetch(path, {
    method,
    headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    ...(body === undefined ? {} : { data: body }),
    failOnStatusCode: false,
  });
}

/**
 * Clusters and snapshots a journey makes for itself through the API, so that it depends on no other journey;
 * whatever it made (and whatever it registered, such as a restored cluster) is deleted when the journey ends.
 */
export class Scratch {
  readonly #clusterIds = new Set<string>();
  readonly #snapshotIds = new Set<string>();
  readonly #releases: (() => Promise<void>)[] = [];
  #controlContext: APIRequestContext | undefined;

  constructor(readonly page: Page) {}

  /** Creates a cluster as an administrator of the page's session and waits until it is available. */
  async cluster(name = uniqueName('journey')): Promise<{ id: string; name: string }> {
    const response = await callApi(this.page, 'POST', '/api/dws/clusters', {
      cluster: {
        name,
        node_type: 'dws.d2.xlarge',
        number_of_node: 3,
        subnet_id: '374eca02-cfc4-4de7-8ab5-dbebf7d9a720',
        security_group_id: 'dc3ec145-9029-4b39-b5a3-ace5a01f772b',
        vpc_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574',
        user_name: 'dbadmin',
        user_pwd: scratchPassword,
        public_ip: { public_bind_type: 'not_use' },
      },
    });
    expect(response.status(), await response.text()).toBe(200);
    const { cluster } = (await response.json()) as { cluster: { id: string } };
    this.#clusterIds.add(cluster.id);
    await this.#waitFor(`/api/dws/clusters/${cluster.id}`, 'cluster', 'AVAILABLE');
    return { id: cluster.id, name };
  }

  /** Registers one of the journey's clusters with DBMind, as its administrator does in the assistant. */
  async registerWithDbmind(clusterId: string) {
    const response = await callApi(this.page, 'GET', `/api/dws/clusters/${clusterId}`);
    const { cluster } = (await response.json()) as { cluster: ClusterSummary };
    await registerWithDbmind(this.page, cluster, scratchPassword);
  }

  /** Takes a manual snapshot of a cluster and waits until it is available. */
  async snapshot(clusterId: string, name = uniqueName('snap')): Promise<{ id: string; name: string }> {
    const response = await callApi(this.page, 'POST', '/api/dws/snapshots', {
      snapshot: { cluster_id: clusterId, name },
    });
    expect(response.status(), await response.text()).toBe(200);
    const { snapshot } = (await response.json()) as { snapshot: { id: string } };
    this.#snapshotIds.add(snapshot.id);
    await this.#waitFor(`/api/dws/snapshots/${snapshot.id}`, 'snapshot', 'AVAILABLE');
    return { id: snapshot.id, name };
  }

  /** Something the journey made through the browser, to be deleted with the rest. */
  adoptCluster(id: string) {
    this.#clusterIds.add(id);
  }

  adoptSnapshot(id: string) {
    this.#snapshotIds.add(id);
  }

  async #waitFor(path: string, key: 'cluster' | 'snapshot', status: string) {
    await expect
      .poll(
        async () => {
          const body = (await (await callApi(this.page, 'GET', path)).json()) as Record<
            string,
            { status?: string; task_status?: string | null }
          >;
          const resource = body[key];
          return resource?.task_status ? `${resource.status}/${resource.task_status}` : resource?.status;
        },
        { timeout: 120_000, intervals: [1_000] },
      )
      .toBe(status);
  }

  /** The emulator's own control (decision 016), outside the DWS API; answered on loopback only. */
  async #control() {
    this.#controlContext ??= await request.newContext({
      baseURL: `https://127.0.0.1:${emulatorPort}/emulator/`,
      ignoreHTTPSErrors: true,
    });
    return this.#controlContext;
  }

  /**
   * Holds `task` of a cluster in its transitional state (REBOOTING, GROWING, …) until `release` is called or the
   * journey ends: the journey sees that state for as long as it looks, instead of racing the task.
   */
  async hold(
    task: 'create' | 'restore' | 'restart' | 'resize' | 'snapshot' | 'delete',
    cluster: string,
  ): Promise<{ release: () => Promise<void> }> {
    const control = await this.#control();
    const response = await control.post('holds', { data: { task, cluster } });
    expect(response.status(), await response.text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      const answer = await control.delete(`holds/${id}`);
      expect(answer.status(), await answer.text()).toBe(204);
    };
    this.#releases.push(release);
    return { release };
  }

  /** Breaks a cluster's real server behind the console's back, as a crash or a full disk would. */
  async fault(cluster: string, fault: 'stop' | 'read-only' | 'connections' | 'lock' | 'long-transaction') {
    const control = await this.#control();
    const response = await control.post(`clusters/${encodeURIComponent(cluster)}/faults`, {
      data: { fault },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  /** Ends a fault: a stopped server is started again, a read-only one made writable, held sessions closed. */
  async endFault(cluster: string, fault: 'stop' | 'read-only' | 'connections' | 'lock' | 'long-transaction') {
    const control = await this.#control();
    const response = await control.delete(
      `clusters/${encodeURIComponent(cluster)}/faults/${encodeURIComponent(fault)}`,
    );
    expect(response.status(), await response.text()).toBe(204);
  }

  /** Deletes what is left; a cluster still busy with a task is retried until the task has ended. */
  async removeAll() {
    for (const release of this.#releases) await release();
    await this.#controlContext?.dispose();
    for (const id of this.#snapshotIds) await callApi(this.page, 'DELETE', `/api/dws/snapshots/${id}`);
    for (const id of this.#clusterIds) {
      await expect(async () => {
        const response = await callApi(this.page, 'DELETE', `/api/dws/clusters/${id}`, {
          keep_last_manual_snapshot: 0,
        });
        expect([200, 202, 204, 404]).toContain(response.status());
      }).toPass({ timeout: 60_000, intervals: [2_000] });
    }
  }
}

/** Metric series the monitoring journeys watch: the server's own (connections) and its processes' (CPU). */
const watchedSeries = ['gaussdb_total_connection', 'os_cpu_user_usage'] as const;

/**
 * Logs in, makes a cluster registered with DBMind and opens its page once the 1 h charts (a point every 15 s)
 * have two measured points on each watched line. A server measured for less than a step can fall between the
 * chart's points, whose grid ends at each request's "now": a gap after it would then have nothing before it,
 * which is "not watched yet", never an outage. Two points mean every later grid meets the measured run.
 */
export async function openMonitoredCluster(page: Page, scratch: Scratch) {
  await logIn(page, '/clusters');
  const { id: clusterId } = await scratch.cluster();
  await scratch.registerWithDbmind(clusterId);
  await expect
    .poll(
      async () => {
        const response = await callApi(page, 'GET', `/api/monitoring/clusters/${clusterId}?range=1h`);
        if (!response.ok()) return 0;
        const { series } = (await response.json()) as {
          series: { metric: string; values: (number | null)[] }[];
        };
        const measured = (metric: string) =>
          (series.find((s) => s.metric === metric)?.values ?? []).filter((v) => v !== null).length;
        return Math.min(...watchedSeries.map(measured));
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(2);
  await page.goto(`/clusters/${clusterId}`);
  const monitoring = page.getByTestId('cluster-monitoring');
  return {
    clusterId,
    monitoring,
    connections: monitoring.getByTestId('series-gaussdb_total_connection'),
    cpu: monitoring.getByTestId('series-os_cpu_user_usage'),
  };
}

/** Journeys that make their own clusters: `scratch` is logged in as the administrator of `page`. */
export const test = base.extend<{ scratch: Scratch }>({
  scratch: async ({ page }, use) => {
    const scratch = new Scratch(page);
    await use(scratch);
    await scratch.removeAll();
  },
});

export { expect };
