import { describe, expect, it } from 'vitest';
import { dwsValidationFailure } from './errors.ts';
import {
  createClusterRequestSchema,
  createSnapshotRequestSchema,
  deleteClusterRequestSchema,
  resetPasswordRequestSchema,
  resizeClusterRequestSchema,
  restartClusterRequestSchema,
  restoreSnapshotRequestSchema,
} from './requests.ts';

const cluster = {
  node_type: 'dws.d1.xlarge',
  number_of_node: 3,
  subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
  security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
  vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
  port: 8000,
  name: 'dws-demo',
  user_name: 'dbadmin',
  user_pwd: 'Dws2017demo!',
  public_ip: { public_bind_type: 'auto_assign' },
};

function failure(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, body: unknown) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('expected the body to be refused');
  return dwsValidationFailure(result.error as Parameters<typeof dwsValidationFailure>[0]);
}

describe('create cluster request', () => {
  it("accepts the seed's example and fills nothing it was not given", () => {
    const parsed = createClusterRequestSchema.parse({ cluster });
    expect(parsed.cluster.name).toBe('dws-demo');
    expect(parsed.cluster.number_of_cn).toBeUndefined();
    expect(parsed.cluster.public_ip).toEqual({ public_bind_type: 'auto_assign' });
  });

  it('treats null optional fields as absent', () => {
    const parsed = createClusterRequestSchema.parse({ cluster: { ...cluster, port: null, public_ip: null } });
    expect(parsed.cluster.port).toBeUndefined();
    expect(parsed.cluster.public_ip).toBeUndefined();
  });

  it('reports the first broken rule with its code, status and field', () => {
    const name = failure(createClusterRequestSchema, { cluster: { ...cluster, name: 'ab' } });
    expect(name.status).toBe(400);
    expect(name.body).toEqual({
      error_code: 'DWS.5057',
      error_msg:
        'cluster.name: must be 4-64 characters, start with a letter, and contain only letters, digits, - and _',
    });
    expect(name.rule.id).toBe('cluster-name');

    expect(failure(createClusterRequestSchema, { cluster: { ...cluster, port: 7999 } }).body.error_code).toBe(
      'DWS.5038',
    );
    expect(failure(createClusterRequestSchema, { cluster: { ...cluster, number_of_node: 1 } }).rule.id).toBe(
      'number-of-node',
    );
    expect(
      failure(createClusterRequestSchema, { cluster: { ...cluster, user_name: 'select' } }).rule.id,
    ).toBe('user-name-reserved');
    expect(failure(createClusterRequestSchema, { cluster: { ...cluster, user_pwd: 'short1A' } }).field).toBe(
      'cluster.user_pwd',
    );
  });

  it('checks the password against the user name both ways', () => {
    const body = { cluster: { ...cluster, user_name: 'admin_1x', user_pwd: 'admin_1x' } };
    // 'admin_1x' has lowercase, digit and special: 3 kinds, 8 characters, so only the user-name rule breaks.
    const result = failure(createClusterRequestSchema, body);
    expect(result.rule.id).toBe('password-not-user-name');
    expect(result.body.error_code).toBe('DWS.5145');
    expect(
      failure(createClusterRequestSchema, {
        cluster: { ...cluster, user_name: 'admin_1x', user_pwd: 'x1_nimda' },
      }).rule.id,
    ).toBe('password-not-user-name');
  });

  it('checks the CN count against the node count', () => {
    expect(
      createClusterRequestSchema.parse({ cluster: { ...cluster, number_of_cn: 2 } }).cluster.number_of_cn,
    ).toBe(2);
    const tooMany = failure(createClusterRequestSchema, { cluster: { ...cluster, number_of_cn: 3 } });
    expect(tooMany.rule.id).toBe('number-of-cn');
    expect(tooMany.field).toBe('cluster.number_of_cn');
  });

  it('needs eip_id exactly when binding an existing elastic IP', () => {
    const result = failure(createClusterRequestSchema, {
      cluster: { ...cluster, public_ip: { public_bind_type: 'bind_existing' } },
    });
    expect(result.field).toBe('cluster.public_ip.eip_id');
    expect(result.body.error_code).toBe('DWS.5133');
    expect(
      failure(createClusterRequestSchema, { cluster: { ...cluster, public_ip: { public_bind_type: 'x' } } })
        .body.error_code,
    ).toBe('DWS.5098');
  });

  it('answers missing fields and wrong shapes with required and format', () => {
    const { name: _name, ...withoutName } = cluster;
    const missing = failure(createClusterRequestSchema, { cluster: withoutName });
    expect(missing.body).toEqual({ error_code: 'DWS.5037', error_msg: 'cluster.name: is required' });
    expect(failure(createClusterRequestSchema, {}).body).toEqual({
      error_code: 'DWS.5037',
      error_msg: 'cluster: is required',
    });
    expect(failure(createClusterRequestSchema, 'text').body).toEqual({
      error_code: 'DWS.5065',
      error_msg: 'The request body: must be a JSON object',
    });
    expect(failure(createClusterRequestSchema, { cluster: [] }).body.error_code).toBe('DWS.5065');
  });
});

describe('the other requests', () => {
  it('delete cluster needs keep_last_manual_snapshot >= 0', () => {
    expect(deleteClusterRequestSchema.parse({ keep_last_manual_snapshot: 0 })).toEqual({
      keep_last_manual_snapshot: 0,
    });
    expect(failure(deleteClusterRequestSchema, { keep_last_manual_snapshot: -1 }).body.error_code).toBe(
      'DWS.5038',
    );
    expect(failure(deleteClusterRequestSchema, {}).rule.id).toBe('required');
  });

  it('restart needs {"restart":{}}', () => {
    expect(restartClusterRequestSchema.parse({ restart: {} })).toEqual({ restart: {} });
    expect(failure(restartClusterRequestSchema, {}).rule.id).toBe('required');
    expect(failure(restartClusterRequestSchema, { restart: 1 }).rule.id).toBe('request-format');
  });

  it('scale out needs a count of 1 or more', () => {
    expect(resizeClusterRequestSchema.parse({ scale_out: { count: 1 } }).scale_out.count).toBe(1);
    expect(failure(resizeClusterRequestSchema, { scale_out: { count: 0 } }).rule.id).toBe('scale-out-count');
    expect(failure(resizeClusterRequestSchema, { scale_out: {} }).field).toBe('scale_out.count');
  });

  it('reset password follows the complexity and weak-password rules', () => {
    expect(resetPasswordRequestSchema.parse({ new_password: 'NewPassw0rd!' }).new_password).toBe(
      'NewPassw0rd!',
    );
    expect(failure(resetPasswordRequestSchema, { new_password: 'Password@123' }).body.error_code).toBe(
      'DWS.5144',
    );
    expect(failure(resetPasswordRequestSchema, { new_password: 'abc' }).body.error_code).toBe('DWS.5144');
  });

  it('create snapshot: name, cluster id, description', () => {
    const snapshot = { name: 'snapshotForDemoCluster', cluster_id: 'c', description: 'Snapshot description' };
    expect(createSnapshotRequestSchema.parse({ snapshot }).snapshot.name).toBe('snapshotForDemoCluster');
    expect(
      createSnapshotRequestSchema.parse({ snapshot: { ...snapshot, description: undefined } }).snapshot
        .description,
    ).toBeUndefined();
    expect(failure(createSnapshotRequestSchema, { snapshot: { ...snapshot, name: 'abc' } }).rule.id).toBe(
      'snapshot-name',
    );
    expect(
      failure(createSnapshotRequestSchema, { snapshot: { ...snapshot, description: 'a=b' } }).rule.id,
    ).toBe('snapshot-description');
    expect(failure(createSnapshotRequestSchema, { snapshot: { name: 'snap' } }).field).toBe(
      'snapshot.cluster_id',
    );
  });

  it('restore: the name follows the cluster rule, the rest is optional, enterprise_project_id in either place', () => {
    const parsed = restoreSnapshotRequestSchema.parse({
      restore: { name: 'dws-restore' },
      enterprise_project_id: 'aca4e50a-266f-4786-827c-f8d6cc3fbada',
    });
    expect(parsed.restore.name).toBe('dws-restore');
    expect(parsed.enterprise_project_id).toBe('aca4e50a-266f-4786-827c-f8d6cc3fbada');
    expect(failure(restoreSnapshotRequestSchema, { restore: { name: 'x' } }).body.error_code).toBe(
      'DWS.5057',
    );
    expect(failure(restoreSnapshotRequestSchema, { restore: { name: 'dws-r', port: 30001 } }).field).toBe(
      'restore.port',
    );
  });
});
