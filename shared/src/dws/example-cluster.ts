import type { CreateClusterRequest } from './requests.ts';

/**
 * The network of the API reference's sample requests (its VPC, subnet and security group ids), which the
 * emulator accepts like any well-formed id: the demo cluster, the tests and the benchmark make theirs in it.
 */
export const exampleNetwork = {
  vpc_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574',
  subnet_id: '374eca02-cfc4-4de7-8ab5-dbebf7d9a720',
  security_group_id: 'dc3ec145-9029-4b39-b5a3-ace5a01f772b',
} as const;

/** `POST /clusters` for a three-node cluster without a public IP in the example network. */
export function exampleClusterRequest(
  name: string,
  password: string,
  options: { nodeType?: string; userName?: string; availabilityZone?: string } = {},
): CreateClusterRequest {
  return {
    cluster: {
      name,
      node_type: options.nodeType ?? 'dws.m3.xlarge',
      number_of_node: 3,
      ...exampleNetwork,
      ...(options.availabilityZone ? { availability_zone: options.availabilityZone } : {}),
      port: 8000,
      user_name: options.userName ?? 'dbadmin',
      user_pwd: password,
      public_ip: { public_bind_type: 'not_use' },
    },
  };
}
