import { randomUUID } from 'node:crypto';
import { dwsRules } from '@dws-console/shared';
import { dwsTime } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import type { ClusterFields, PublicIp, StateStore } from './state-store.ts';

/** The project a request acts in. Its availability zones are named after it, as the seed's `ae-ad-1`. */
export interface ProjectScope {
  projectId: string;
  projectName: string;
}

export function zonesOf(scope: ProjectScope): string[] {
  return [scope.projectName];
}

/** The zone a new cluster goes to: the one asked for, if the project has it, else the project's first. */
export function zoneFor(scope: ProjectScope, requested: string | undefined, field: string): string {
  const zones = zonesOf(scope);
  const zone = requested ?? zones[0] ?? scope.projectName;
  if (!zones.includes(zone)) throw DwsError.rule(field, dwsRules.availabilityZone);
  return zone;
}

export function assertClusterNameFree(
  store: StateStore,
  projectId: string,
  name: string,
  field: string,
): void {
  if (store.clusters.some((c) => c.projectId === projectId && c.fields.name === name)) {
    throw DwsError.rule(field, dwsRules.clusterNameTaken);
  }
}

/**
 * The data warehouse release every cluster runs (DWS's `version`), not the version of the PostgreSQL server behind
 * it: DWS reports its own release, whatever engine it is built on.
 */
export const dwsClusterVersion = '8.1.3.320';

/** The fields every new cluster starts with, whether created or restored. */
export function newClusterFields(name: string, now: number) {
  const time = dwsTime(now);
  return {
    id: randomUUID(),
    name,
    status: 'CREATING',
    sub_status: 'NORMAL',
    task_status: null,
    version: dwsClusterVersion,
    created: time,
    updated: time,
    maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
    resize_info: null,
    parameter_group: { id: randomUUID(), name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
    tags: [],
    recent_event: 0,
    failed_reasons: null,
  } satisfies Partial<ClusterFields>;
}

export function publicIpOf(
  input: { public_bind_type: string; eip_id?: string | undefined } | undefined,
): PublicIp | null {
  if (!input) return null;
  if (input.public_bind_type === 'auto_assign')
    return { public_bind_type: 'auto_assign', eip_id: randomUUID() };
  if (input.public_bind_type === 'bind_existing' && input.eip_id) {
    return { public_bind_type: 'bind_existing', eip_id: input.eip_id };
  }
  return { public_bind_type: input.public_bind_type };
}
