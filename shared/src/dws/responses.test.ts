import { describe, expect, it } from 'vitest';
import { clusterDetailResponseSchema, clusterListResponseSchema } from './cluster.ts';
import { isNodeTypeAvailable, nodeTypeDetailValue, nodeTypesResponseSchema } from './node-types.ts';
import { snapshotDetailResponseSchema } from './snapshots.ts';

describe('DWS response contracts', () => {
  it("reads the seed's cluster detail, including resize_info counts sent as strings", () => {
    const parsed = clusterDetailResponseSchema.parse({
      cluster: {
        id: '7d85f602-a948-4a30-afd4-e84f47471c15',
        status: 'AVAILABLE',
        name: 'dws-1',
        task_status: 'SNAPSHOTTING',
        action_progress: { SNAPSHOTTING: '20%' },
        private_ip: ['192.168.0.12', '192.168.0.66'],
        endpoints: [
          { connect_info: '192.168.0.10:8000', jdbc_url: 'jdbc:postgresql://192.168.0.10:8000/db' },
        ],
        maintain_window: { day: 'Wed', start_time: '22:00', end_time: '02:00' },
        resize_info: { target_node_num: '6', origin_node_num: 3, resize_status: 'GROWING' },
        parameter_group: { id: '157e9cc4', name: 'Default-Parameter-Group-dws', status: 'In-Sync' },
        tags: null,
        failed_reasons: null,
      },
    });
    expect(parsed.cluster.resize_info?.target_node_num).toBe(6);
    expect(parsed.cluster.maintain_window?.day).toBe('Wed');
  });

  it("reads the quick start's list with null task fields", () => {
    const parsed = clusterListResponseSchema.parse({
      clusters: [
        { id: 'x', name: 'dws-demo', status: 'AVAILABLE', task_status: null, action_progress: null },
      ],
      count: 1,
    });
    expect(parsed.clusters[0]?.task_status).toBeNull();
  });

  it('treats node types without availability as available, sold-out zones as not', () => {
    const { node_types: types } = nodeTypesResponseSchema.parse({
      node_types: [
        { spec_name: 'dws.d2.xlarge', id: 'a', detail: [{ type: 'vCPU', value: '4' }] },
        {
          spec_name: 'dws.m1.xlarge.ultrahigh',
          id: 'b',
          detail: [{ type: 'mem', value: '32', unit: 'GB' }],
          available_zones: [{ code: 'ae-ad-1', status: 'sellout' }],
        },
      ],
    });
    const [plain, soldOut] = types;
    if (!plain || !soldOut) throw new Error('expected two node types');
    expect(isNodeTypeAvailable(plain)).toBe(true);
    expect(isNodeTypeAvailable(soldOut)).toBe(false);
    expect(isNodeTypeAvailable(soldOut, 'ae-ad-2')).toBe(false);
    expect(nodeTypeDetailValue(plain, 'vCPU')).toBe(4);
    expect(nodeTypeDetailValue(soldOut, 'vCPU')).toBeUndefined();
  });

  it("reads the seed's snapshot detail", () => {
    const parsed = snapshotDetailResponseSchema.parse({
      snapshot: {
        id: '2a4d0f86-67cd-408a-8b66-017454fb7793',
        name: 'snapshot-1',
        description: 'snapshot description',
        started: '2016-08-23T03:59:23Z',
        finished: '2016-08-23T04:01:40Z',
        size: 500,
        status: 'AVAILABLE',
        type: 'MANUAL',
        cluster_id: '4f87d3c4-9e33-482f-b962-e23b30d1a18c',
      },
    });
    expect(parsed.snapshot.size).toBe(500);
  });
});
