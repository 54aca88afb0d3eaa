import { registerStatuses, type DbmindClusterMap, type RegisterClusterResult } from '@dws-console/shared';
import {
  instanceAddress,
  sameHost,
  type ManagedInstance,
  type ManagedInstances,
} from './managed-instances.ts';
import type { ConnectionTarget } from '../postgres/connection-target.ts';
import { withClient } from './pg-client.ts';
import type { Registration, RegistrationStore } from './registration-store.ts';

export interface RegisterInput {
  cluster_name: string;
  host: string;
  port: number;
  username: string;
  password: string;
}

/** Parses `host:port` (IPv6 hosts in brackets). */
export function parseAddress(address: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(address.trim());
  if (!match) return undefined;
  return { host: (match[1] ?? match[2])!, port: Number(match[3]) };
}

/**
 * The clusters DBMind manages (the emulator's DWS clusters) joined with GaussMaster's registrations: which
 * instance a session talks to, and with which account.
 */
export class ClusterDirectory {
  constructor(
    private readonly instances: ManagedInstances,
    private readonly registrations: RegistrationStore,
  ) {}

  /** Managed instances, in a stable order (by name, then address). */
  async list(): Promise<ManagedInstance[]> {
    const all = await this.instances.list();
    return [...all].sort(
      (a, b) => a.name.localeCompare(b.name) || instanceAddress(a).localeCompare(instanceAddress(b)),
    );
  }

  async find(address: string): Promise<ManagedInstance | undefined> {
    const parsed = parseAddress(address);
    if (!parsed) return undefined;
    return (await this.list()).find((i) => i.port === parsed.port && sameHost(i.host, parsed.host));
  }

  registrationOf(instance: ManagedInstance): Registration | undefined {
    return this.registrations.byAddress((r) => r.port === instance.port && sameHost(r.host, instance.host));
  }

  /** `GET /v1/api/clusters`: every managed instance; `managed` once it is registered (GaussMaster's meaning). */
  async clusterMap(): Promise<DbmindClusterMap> {
    const map: DbmindClusterMap = {};
    for (const instance of await this.list()) {
      const registration = this.registrationOf(instance);
      const address = instanceAddress(instance);
      map[address] = {
        cluster_name: registration?.clusterName ?? '',
        instances: [address],
        managed: registration !== undefined,
      };
    }
    return map;
  }

  /**
   * The session's instance: only the one it chose (or its user chose last), if still managed. No default: DBMind
   * serves several tenants, and a question that silently went to some other cluster would answer about
   * another tenant's databases.
   */
  async resolve(chosen: string | undefined): Promise<ManagedInstance | undefined> {
    return chosen ? this.find(chosen) : undefined;
  }

  /** Registered instances are used with the registered account; others with the one DBMind manages them with. */
  target(instance: ManagedInstance, database?: string): ConnectionTarget {
    const registration = this.registrationOf(instance);
    return {
      host: instance.host,
      port: instance.port,
      user: registration?.username ?? instance.adminUser,
      password: registration?.password ?? instance.adminPassword,
      database: database ?? instance.database,
    };
  }

  /** DBMind's own monitoring account, used by the metrics sampler whatever GaussMaster registered. */
  adminTarget(instance: ManagedInstance, database?: string): ConnectionTarget {
    return {
      host: instance.host,
      port: instance.port,
      user: instance.adminUser,
      password: instance.adminPassword,
      database: database ?? instance.database,
    };
  }

  /** GaussMaster's order: not managed (1001), cannot log in (503), name taken by another instance (1002). */
  async register(input: RegisterInput): Promise<RegisterClusterResult> {
    const instance = (await this.list()).find((i) => i.port === input.port && sameHost(i.host, input.host));
    if (!instance) return { ...registerStatuses.notManaged };
    const loggedIn = await withClient(
      {
        host: input.host,
        port: input.port,
        user: input.username,
        password: input.password,
        database: instance.database,
      },
      async (client) => {
        await client.query('SELECT 1');
        return true;
      },
      { connectTimeoutMs: 5000, statementTimeoutMs: 5000 },
    ).catch(() => false);
    if (!loggedIn) return { ...registerStatuses.cannotConnect };
    const sameInstance = (r: Registration) => r.port === instance.port && sameHost(r.host, instance.host);
    const holder = this.registrations.byName(input.cluster_name);
    if (holder && !sameInstance(holder)) return { ...registerStatuses.nameTaken };
    await this.registrations.put(
      {
        clusterName: input.cluster_name,
        host: instance.host,
        port: instance.port,
        username: input.username,
        password: input.password,
        registeredAt: new Date().toISOString(),
      },
      sameInstance,
    );
    return { ...registerStatuses.registered };
  }
}
