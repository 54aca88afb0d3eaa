import type { NodeType } from '@dws-console/shared';

interface CatalogueEntry {
  spec_name: string;
  id: string;
  vcpus: number;
  memGb: number;
  disk: { type: 'LOCAL_DISK' | 'SSD'; sizeGb: number };
  /** Sold out in every zone: the console greys these out, creating one answers DWS.5200. */
  soldOut?: boolean;
}

/**
 * The seed's examples (dws.d2.xlarge, dws.m1.xlarge.ultrahigh, and dws.d1.xlarge from its quick start) and
 * more of the same families, sized as the service sells them. Ids are fixed so they survive restarts.
 */
const catalogue: CatalogueEntry[] = [
  {
    spec_name: 'dws.d1.xlarge',
    id: '5ddb1071-c5d7-40e0-a874-8a032e81a697',
    vcpus: 4,
    memGb: 32,
    disk: { type: 'LOCAL_DISK', sizeGb: 1675 },
  },
  {
    spec_name: 'dws.d1.xlarge.ultrahigh',
    id: '4b2e6a9c-2f1d-4d8e-9a53-6c1e0f7b8a21',
    vcpus: 4,
    memGb: 32,
    disk: { type: 'SSD', sizeGb: 512 },
  },
  {
    spec_name: 'dws.d2.xlarge',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b6a67',
    vcpus: 4,
    memGb: 32,
    disk: { type: 'LOCAL_DISK', sizeGb: 1675 },
  },
  {
    spec_name: 'dws.d2.2xlarge',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b6a68',
    vcpus: 8,
    memGb: 64,
    disk: { type: 'LOCAL_DISK', sizeGb: 3350 },
  },
  {
    spec_name: 'dws.d2.4xlarge',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b6a69',
    vcpus: 16,
    memGb: 128,
    disk: { type: 'LOCAL_DISK', sizeGb: 6700 },
  },
  {
    spec_name: 'dws.d2.8xlarge',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b6a70',
    vcpus: 36,
    memGb: 256,
    disk: { type: 'LOCAL_DISK', sizeGb: 13400 },
    soldOut: true,
  },
  {
    spec_name: 'dws.m1.xlarge.ultrahigh',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b4f71',
    vcpus: 4,
    memGb: 32,
    disk: { type: 'SSD', sizeGb: 512 },
  },
  {
    spec_name: 'dws.m1.2xlarge.ultrahigh',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b4f72',
    vcpus: 8,
    memGb: 64,
    disk: { type: 'SSD', sizeGb: 1024 },
  },
  {
    spec_name: 'dws.m1.4xlarge.ultrahigh',
    id: 'ebe532d6-665f-40e6-a4d4-3c51545b4f73',
    vcpus: 16,
    memGb: 128,
    disk: { type: 'SSD', sizeGb: 2048 },
    soldOut: true,
  },
  {
    spec_name: 'dws.m3.xlarge',
    id: '8a4c2e1f-7b3d-4f6a-9e2c-1d5b7a9c3e01',
    vcpus: 4,
    memGb: 32,
    disk: { type: 'SSD', sizeGb: 160 },
  },
  {
    spec_name: 'dws.m3.2xlarge',
    id: '8a4c2e1f-7b3d-4f6a-9e2c-1d5b7a9c3e02',
    vcpus: 8,
    memGb: 64,
    disk: { type: 'SSD', sizeGb: 320 },
  },
  {
    spec_name: 'dws.m3.4xlarge',
    id: '8a4c2e1f-7b3d-4f6a-9e2c-1d5b7a9c3e03',
    vcpus: 16,
    memGb: 128,
    disk: { type: 'SSD', sizeGb: 640 },
  },
  {
    spec_name: 'dws.m3.8xlarge',
    id: '8a4c2e1f-7b3d-4f6a-9e2c-1d5b7a9c3e04',
    vcpus: 32,
    memGb: 256,
    disk: { type: 'SSD', sizeGb: 1280 },
    soldOut: true,
  },
];

export interface CatalogueNodeType {
  spec_name: string;
  id: string;
  soldOut: boolean;
}

export function findNodeType(specName: string): CatalogueNodeType | undefined {
  const entry = catalogue.find((t) => t.spec_name === specName);
  return entry && { spec_name: entry.spec_name, id: entry.id, soldOut: entry.soldOut ?? false };
}

/** `GET /v2/{project_id}/node-types` for a project whose availability zones are `zones`. */
export function listNodeTypes(zones: string[]): NodeType[] {
  return catalogue.map((entry) => ({
    spec_name: entry.spec_name,
    id: entry.id,
    detail: [
      { type: 'vCPU', value: String(entry.vcpus) },
      { value: String(entry.disk.sizeGb), type: entry.disk.type, unit: 'GB' },
      { type: 'mem', value: String(entry.memGb), unit: 'GB' },
    ],
    available_zones: zones.map((code) => ({ code, status: entry.soldOut ? 'sellout' : 'normal' })),
  }));
}
