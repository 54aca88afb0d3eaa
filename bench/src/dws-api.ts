import { readFile } from 'node:fs/promises';
import { exampleClusterRequest } from '@dws-console/shared';
import { Agent, fetch } from 'undici';
import type { BenchStack } from './stack.ts';

/** A creation request for a three-node cluster in the emulator's demo network, as the bench's clusters are made. */
export const benchClusterRequest = (name: string, password: string) =>
  exampleClusterRequest(name, password, { nodeType: 'dws.d2.xlarge', availabilityZone: 'ae-ad-1' });

/** The emulator's DWS API as any client uses it: a project-scoped token in X-Auth-Token. */
export class DwsApi {
  readonly #dispatcher: Agent;

  constructor(
    private readonly base: string,
    private readonly projectId: string,
    private readonly token: string,
    ca: Buffer,
  ) {
    this.#dispatcher = new Agent({ connect: { ca } });
  }

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}/v1.0/${this.projectId}${path}`, {
      method,
      headers: { 'X-Auth-Token': this.token, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      dispatcher: this.#dispatcher,
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Polls `path` until `done` says the resource is ready; a failed state or the deadline throws. */
  async waitFor<T>(
    path: string,
    done: (body: T) => boolean,
    failed: (body: T) => string | undefined,
    timeoutMs = 300_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await this.call<T>('GET', path);
      if (done(body)) return body;
      const failure = failed(body);
      if (failure) throw new Error(`${path}: ${failure}`);
      if (Date.now() > deadline) throw new Error(`${path}: not ready within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}

/**
 * The bench emulator starts empty: gives the project one available cluster (an empty list shows no table, and the
 * assistant answers only about a cluster of the session's project). Answers its private address, `host:port`.
 */
export async function ensureOneCluster(stack: BenchStack, log: (line: string) => void): Promise<string> {
  const dws = new DwsApi(stack.cloudUrl, stack.projectId, stack.token, await readFile(stack.pki.ca));
  type ClusterList = { clusters: { status: string; endpoints?: { connect_info: string }[] }[] };
  try {
    if ((await dws.call<ClusterList>('GET', '/clusters')).clusters.length === 0) {
      await dws.call('POST', '/clusters', benchClusterRequest('bench-web', 'Bench@Cluster2026'));
      log('creating one cluster in the emulator');
    }
    const list = await dws.waitFor<ClusterList>(
      '/clusters',
      (body) => body.clusters.some((c) => c.status === 'AVAILABLE'),
      () => undefined,
      180_000,
    );
    const address = list.clusters.find((c) => c.status === 'AVAILABLE')?.endpoints?.[0]?.connect_info;
    if (!address) throw new Error('the available cluster has no private endpoint');
    return address;
  } finally {
    await dws.close();
  }
}
