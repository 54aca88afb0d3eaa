import { z } from 'zod/mini';

export const snapshotStatuses = ['CREATING', 'AVAILABLE', 'UNAVAILABLE'] as const;
export type SnapshotStatus = (typeof snapshotStatuses)[number];
/** `MANUAL` snapshots are the user's; `AUTO` ones are taken by the service and go with their cluster. */
export const snapshotTypes = ['MANUAL', 'AUTO'] as const;

/**
 * Snapshots / SnapshotDetail (seed tables 5-55, 5-59). `size` is in GB (a Double); `finished` is absent or
 * null while the snapshot is still being written.
 */
export const snapshotSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  started: z.nullish(z.string()),
  finished: z.nullish(z.string()),
  size: z.nullish(z.number()),
  status: z.string(),
  type: z.nullish(z.string()),
  cluster_id: z.nullish(z.string()),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotListResponseSchema = z.object({
  snapshots: z.array(snapshotSchema),
  count: z.int(),
});
export type SnapshotListResponse = z.infer<typeof snapshotListResponseSchema>;

export const snapshotDetailResponseSchema = z.object({ snapshot: snapshotSchema });
export type SnapshotDetailResponse = z.infer<typeof snapshotDetailResponseSchema>;

/** The answer to create snapshot (seed table 5-51). */
export const snapshotIdResponseSchema = z.object({ snapshot: z.object({ id: z.string() }) });
export type SnapshotIdResponse = z.infer<typeof snapshotIdResponseSchema>;
