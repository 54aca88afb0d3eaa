import { z } from 'zod/mini';

/** Detail (seed table 5-32): `vCPU`, `mem` (GB), `LOCAL_DISK` or `SSD` (GB), ... */
export const nodeTypeDetailSchema = z.object({
  type: z.string(),
  value: z.string(),
  unit: z.optional(z.string()),
});
export type NodeTypeDetail = z.infer<typeof nodeTypeDetailSchema>;

/** The newer service's availability of a node type per zone: `normal`, `sellout` (sold out) or `abandon`. */
export const nodeTypeAvailabilityStatuses = ['normal', 'sellout', 'abandon'] as const;

export const nodeTypeAvailableZoneSchema = z.object({ code: z.string(), status: z.string() });
export type NodeTypeAvailableZone = z.infer<typeof nodeTypeAvailableZoneSchema>;

/**
 * NodeTypes (seed table 5-31). The seed has no sold-out flag; `available_zones` is the newer service's
 * (`[{"code","status"}]`, status `sellout` = sold out). It is accepted but optional: an upstream without it
 * means every type is available.
 */
export const nodeTypeSchema = z.looseObject({
  spec_name: z.string(),
  id: z.string(),
  detail: z.array(nodeTypeDetailSchema),
  available_zones: z.optional(z.array(nodeTypeAvailableZoneSchema)),
});
export type NodeType = z.infer<typeof nodeTypeSchema>;

/** `GET /v2/{project_id}/node-types` (also `/v1.0/{project_id}/node_types` in the seed's quick start). */
export const nodeTypesResponseSchema = z.object({ node_types: z.array(nodeTypeSchema) });
export type NodeTypesResponse = z.infer<typeof nodeTypesResponseSchema>;

/** True when the node type can be ordered in the zone (or anywhere, when no zone is given). */
export function isNodeTypeAvailable(nodeType: NodeType, zone?: string): boolean {
  const zones = nodeType.available_zones;
  if (!zones || zones.length === 0) return true;
  const relevant = zone === undefined ? zones : zones.filter((z) => z.code === zone);
  return relevant.some((z) => z.status === 'normal');
}

/** Reads a number out of a node type's detail (`vCPU`, `mem`, ...), or undefined. */
export function nodeTypeDetailValue(nodeType: NodeType, type: string): number | undefined {
  const entry = nodeType.detail.find((d) => d.type === type);
  const value = entry === undefined ? Number.NaN : Number(entry.value);
  return Number.isFinite(value) ? value : undefined;
}
