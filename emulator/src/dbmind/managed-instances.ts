/**
 * What DBMind needs to know about a database it manages. The emulator's DWS side provides these (each DWS
 * cluster is a PostgreSQL server); DBMind only reads them, so the two sides meet at this interface.
 */
export interface ManagedInstance {
  clusterId: string;
  name: string;
  projectId: string;
  host: string;
  port: number;
  adminUser: string;
  adminPassword: string;
  /** The database to connect to when a question names none. */
  database: string;
  /** The server's data directory when it is on this machine: lets DBMind read real disk use. */
  dataDirectory?: string;
}

export interface ManagedInstances {
  list(): Promise<ManagedInstance[]>;
}

/** `host:port`, the key DBMind uses for an instance. */
export function instanceAddress(instance: { host: string; port: number }): string {
  return instance.host.includes(':')
    ? `[${instance.host}]:${instance.port}`
    : `${instance.host}:${instance.port}`;
}

/** A fixed list (tests, or an emulator that has no DWS clusters yet). */
export function staticManagedInstances(instances: ManagedInstance[] = []): ManagedInstances {
  return { list: () => Promise.resolve([...instances]) };
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether a `host` given by a caller names the managed instance's host (loopback spellings are one host). */
export function sameHost(a: string, b: string): boolean {
  const strip = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
  if (strip(a) === strip(b)) return true;
  return loopback.has(strip(a)) && loopback.has(strip(b));
}
