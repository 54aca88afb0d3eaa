import { describe, expect, it } from 'vitest';
import { dwsRoutes, type DwsRouteName } from '@dws-console/shared';
import { useTestEmulator } from '../testing/emulator-fixture.ts';
import { containing, DwsClient, projects, quickStartCluster, users } from '../testing/harness.ts';

let clock = Date.parse('2026-01-15T08:00:00Z');
const router = useTestEmulator('router', {}, { now: () => clock });

const unknownId = '0b1c2d3e-4f50-4617-8899-aabbccddeeff';
/** Sold out: a request that passes every field rule ends at DWS.5200 and creates nothing. */
const soldOut = 'dws.d2.8xlarge';

async function createCode(fields: Record<string, unknown>): Promise<string | undefined> {
  const answer = await router.admin.call<{ error_code?: string }>('POST', '/clusters', {
    cluster: quickStartCluster('boundary', { node_type: soldOut, ...fields }),
  });
  return answer.body?.error_code;
}

describe('field rules over HTTP (seed table 7-2 codes)', () => {
  it('cluster name: 4-64 characters, a letter first', async () => {
    for (const name of ['abcd', `a${'b'.repeat(63)}`, 'A-b_'])
      expect(await createCode({ name })).toBe('DWS.5200');
    for (const name of ['abc', `a${'b'.repeat(64)}`, '1abc', 'ab c', 'abc!', 42]) {
      expect(await createCode({ name })).toBe('DWS.5057');
    }
  });

  it('node count 2-256 and CN count 2-20 below the node count', async () => {
    for (const n of [2, 256]) expect(await createCode({ number_of_node: n })).toBe('DWS.5200');
    for (const n of [1, 257, 2.5, '3']) expect(await createCode({ number_of_node: n })).toBe('DWS.5047');
    expect(await createCode({ number_of_cn: 2 })).toBe('DWS.5200');
    expect(await createCode({ number_of_node: 21, number_of_cn: 20 })).toBe('DWS.5200');
    expect(await createCode({ number_of_node: 100, number_of_cn: 21 })).toBe('DWS.5038');
    expect(await createCode({ number_of_cn: 1 })).toBe('DWS.5038');
    expect(await createCode({ number_of_node: 3, number_of_cn: 3 })).toBe('DWS.5038');
  });

  it('port 8000-30000', async () => {
    for (const port of [8000, 30000]) expect(await createCode({ port })).toBe('DWS.5200');
    for (const port of [7999, 30001, '8000']) expect(await createCode({ port })).toBe('DWS.5038');
  });

  it('administrator name: 1-63 lowercase characters, not a keyword', async () => {
    for (const user_name of ['a', '_', `a${'b'.repeat(62)}`]) {
      expect(await createCode({ user_name })).toBe('DWS.5200');
    }
    for (const user_name of ['', `a${'b'.repeat(63)}`, 'Admin', '1admin', 'db-admin']) {
      expect(await createCode({ user_name })).toBe('DWS.5059');
    }
    for (const user_name of ['select', 'user', 'public', 'pg_admin']) {
      expect(await createCode({ user_name })).toBe('DWS.5082');
    }
  });

  it('password: 8-32 characters, 3 of 4 kinds, not the user name either way', async () => {
    for (const user_pwd of ['abcDEF12', `Aa1${'x'.repeat(29)}`, 'abcdef1!']) {
      expect(await createCode({ user_pwd })).toBe('DWS.5200');
    }
    for (const user_pwd of ['abcDE12', `Aa1${'x'.repeat(30)}`, 'abcdefgh', 'ABCDEFG1', 'abc DEF12']) {
      expect(await createCode({ user_pwd })).toBe('DWS.5144');
    }
    expect(await createCode({ user_name: 'admin_1x', user_pwd: 'admin_1x' })).toBe('DWS.5145');
    expect(await createCode({ user_name: 'admin_1x', user_pwd: 'x1_nimda' })).toBe('DWS.5145');
  });

  it('network ids, zone, public IP, enterprise project', async () => {
    expect(await createCode({ vpc_id: 'vpc-1' })).toBe('DWS.5014');
    expect(await createCode({ subnet_id: 'subnet' })).toBe('DWS.5015');
    expect(await createCode({ security_group_id: 'sg' })).toBe('DWS.5016');
    for (const empty of ['', '  ']) {
      expect(await createCode({ subnet_id: empty })).toBe('DWS.5202');
      expect(await createCode({ security_group_id: empty })).toBe('DWS.5203');
    }
    expect(await createCode({ availability_zone: 'ae-ad-1' })).toBe('DWS.5200');
    expect(await createCode({ availability_zone: 'ae-ad-9' })).toBe('DWS.5011');
    expect(await createCode({ public_ip: { public_bind_type: 'not_use' } })).toBe('DWS.5200');
    expect(await createCode({ public_ip: { public_bind_type: 'always' } })).toBe('DWS.5098');
    expect(await createCode({ public_ip: { public_bind_type: 'bind_existing' } })).toBe('DWS.5133');
    expect(await createCode({ enterprise_project_id: '0' })).toBe('DWS.5200');
    expect(await createCode({ enterprise_project_id: 'default' })).toBe('DWS.5064');
  });

  it('node types: unknown DWS.5006, sold out DWS.5200', async () => {
    expect(await createCode({ node_type: 'dws.x9.huge' })).toBe('DWS.5006');
    const answer = await router.admin.call('POST', '/clusters', {
      cluster: quickStartCluster('abcd', { node_type: soldOut }),
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { error_code: 'DWS.5200', error_msg: containing('cluster.node_type') },
    });
  });

  it('missing fields, wrong JSON and wrong shapes', async () => {
    const { name: _name, ...withoutName } = quickStartCluster('x');
    const missing = await router.admin.call('POST', '/clusters', { cluster: withoutName });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error_code: 'DWS.5037', error_msg: 'cluster.name: is required' });
    expect(missing.requestId).toMatch(/^[0-9a-f]{32}$/);
    const broken = await router.admin.call('POST', '/clusters', '{"cluster": {');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error_code: 'DWS.5065', error_msg: 'The request body is not valid JSON.' });
    expect(broken.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect((await router.admin.call('POST', '/clusters', [])).body).toMatchObject({ error_code: 'DWS.5065' });
    expect((await router.admin.call('POST', '/clusters', { cluster: 'x' })).body).toMatchObject({
      error_code: 'DWS.5065',
    });
  });

  it('snapshot name and description', async () => {
    const code = async (snapshot: Record<string, unknown>) =>
      (
        await router.admin.call<{ error_code: string }>('POST', '/snapshots', {
          snapshot: { name: 'snap', cluster_id: unknownId, ...snapshot },
        })
      ).body.error_code;
    for (const name of ['snap', `s${'n'.repeat(63)}`]) expect(await code({ name })).toBe('DWS.0047');
    for (const name of ['sna', `s${'n'.repeat(64)}`, '1snap', 'snap shot'])
      expect(await code({ name })).toBe('DWS.5065');
    expect(await code({ description: 'x'.repeat(256) })).toBe('DWS.0047');
    expect(await code({ description: 'x'.repeat(257) })).toBe('DWS.5056');
    for (const c of `!<>'=&"`) expect(await code({ description: `a${c}b` })).toBe('DWS.5056');
    expect(await code({ cluster_id: undefined })).toBe('DWS.5037');
  });

  it('restore, delete, restart, scale out and reset password bodies', async () => {
    const code = async (method: string, route: string, body?: unknown) =>
      (await router.admin.call<{ error_code: string }>(method, route, body)).body.error_code;
    expect(await code('POST', `/snapshots/${unknownId}/actions`, { restore: { name: 'dws-r' } })).toBe(
      'DWS.5111',
    );
    expect(await code('POST', `/snapshots/${unknownId}/actions`, { restore: { name: 'r' } })).toBe(
      'DWS.5057',
    );
    expect(
      await code('POST', `/snapshots/${unknownId}/actions`, { restore: { name: 'dws-r', port: 30001 } }),
    ).toBe('DWS.5038');
    expect(await code('DELETE', `/clusters/${unknownId}`, { keep_last_manual_snapshot: 0 })).toBe('DWS.0047');
    expect(await code('DELETE', `/clusters/${unknownId}`, { keep_last_manual_snapshot: -1 })).toBe(
      'DWS.5038',
    );
    expect(await code('DELETE', `/clusters/${unknownId}`)).toBe('DWS.5037');
    expect(await code('POST', `/clusters/${unknownId}/restart`, { restart: {} })).toBe('DWS.0047');
    expect(await code('POST', `/clusters/${unknownId}/restart`, {})).toBe('DWS.5037');
    expect(await code('POST', `/clusters/${unknownId}/resize`, { scale_out: { count: 1 } })).toBe('DWS.0047');
    expect(await code('POST', `/clusters/${unknownId}/resize`, { scale_out: { count: 0 } })).toBe('DWS.5038');
    expect(
      await code('POST', `/clusters/${unknownId}/reset-password`, { new_password: 'NewPassw0rd!' }),
    ).toBe('DWS.0047');
    expect(await code('POST', `/clusters/${unknownId}/reset-password`, { new_password: 'Abc12' })).toBe(
      'DWS.5144',
    );
    expect(
      await code('POST', `/clusters/${unknownId}/reset-password`, { new_password: 'Password@123' }),
    ).toBe('DWS.5144');
    expect(await code('GET', `/snapshots/${unknownId}`)).toBe('DWS.5111');
    expect(await code('DELETE', `/snapshots/${unknownId}`)).toBe('DWS.5111');
    for (const malformed of ['snap-1', '1234', `${unknownId}x`]) {
      expect(await code('GET', `/snapshots/${malformed}`)).toBe('DWS.5149');
      expect(await code('DELETE', `/snapshots/${malformed}`)).toBe('DWS.5149');
      expect(await code('POST', `/snapshots/${malformed}/actions`, { restore: { name: 'dws-r' } })).toBe(
        'DWS.5149',
      );
    }
  });
});

/** One request per call of shared's table, with the IAM action of seed chapter 6; for the admin none of them may create anything, so each ends in 400 or 404. */
const requests: Record<
  DwsRouteName,
  { action: string; method: string; route: string; body?: unknown; admin: number }
> = {
  createCluster: {
    action: 'dws:openAPICluster:create',
    method: 'POST',
    route: '/clusters',
    body: { cluster: quickStartCluster('abcd', { node_type: soldOut }) },
    admin: 400,
  },
  listClusters: { action: 'dws:openAPICluster:list', method: 'GET', route: '/clusters', admin: 200 },
  getCluster: {
    action: 'dws:openAPICluster:getDetail',
    method: 'GET',
    route: `/clusters/${unknownId}`,
    admin: 404,
  },
  listNodeTypes: {
    action: 'dws:openAPIFlavors:get',
    method: 'GET',
    route: `/v2/${projects.one.id}/node-types`,
    admin: 200,
  },
  deleteCluster: {
    action: 'dws:openAPICluster:delete',
    method: 'DELETE',
    route: `/clusters/${unknownId}`,
    body: { keep_last_manual_snapshot: 0 },
    admin: 404,
  },
  restartCluster: {
    action: 'dws:openAPICluster:restart',
    method: 'POST',
    route: `/clusters/${unknownId}/restart`,
    body: { restart: {} },
    admin: 404,
  },
  resizeCluster: {
    action: 'dws:cluster:scaleOutOrOpenAPIResize',
    method: 'POST',
    route: `/clusters/${unknownId}/resize`,
    body: { scale_out: { count: 1 } },
    admin: 404,
  },
  resetPassword: {
    action: 'dws:openAPICluster:resetPassword',
    method: 'POST',
    route: `/clusters/${unknownId}/reset-password`,
    body: { new_password: 'NewPassw0rd!' },
    admin: 404,
  },
  createSnapshot: {
    action: 'dws:openAPISnapshot:create',
    method: 'POST',
    route: '/snapshots',
    body: { snapshot: { name: 'snap', cluster_id: unknownId } },
    admin: 404,
  },
  listSnapshots: { action: 'dws:openAPISnapshot:list', method: 'GET', route: '/snapshots', admin: 200 },
  getSnapshot: {
    action: 'dws:openAPISnapshot:detail',
    method: 'GET',
    route: `/snapshots/${unknownId}`,
    admin: 400,
  },
  deleteSnapshot: {
    action: 'dws:openAPISnapshot:delete',
    method: 'DELETE',
    route: `/snapshots/${unknownId}`,
    admin: 400,
  },
  restoreSnapshot: {
    action: 'dws:openAPISnapshot:restore',
    method: 'POST',
    route: `/snapshots/${unknownId}/actions`,
    body: { restore: { name: 'dws-r' } },
    admin: 400,
  },
};

const readActions = new Set(['listClusters', 'getCluster', 'listNodeTypes', 'listSnapshots', 'getSnapshot']);

describe('IAM actions (seed chapter 6)', () => {
  it('every call of the table needs the action the seed names for it', () => {
    for (const [name, r] of Object.entries(requests))
      expect(dwsRoutes[name as DwsRouteName].action).toBe(r.action);
  });

  it.each(Object.entries(requests))(
    '%s: admin allowed, viewer only for reading, guest never',
    async (name, r) => {
      const viewer = await DwsClient.login(router.emulator, users.viewer);
      const guest = await DwsClient.login(router.emulator, users.guest);
      expect((await router.admin.call(r.method, r.route, r.body)).status).toBe(r.admin);

      const asViewer = await viewer.call(r.method, r.route, r.body);
      if (readActions.has(name)) {
        expect(asViewer.status).toBe(r.admin);
      } else {
        expect(asViewer.status).toBe(403);
        expect(asViewer.body).toEqual({
          error_code: 'DWS.5036',
          error_msg: `You do not have the permission for this operation (${r.action}).`,
        });
      }
      const asGuest = await guest.call(r.method, r.route, r.body);
      expect(asGuest.status).toBe(403);
      expect(asGuest.body).toMatchObject({ error_code: 'DWS.5036' });
      expect(asGuest.requestId).toMatch(/^[0-9a-f]{32}$/);
    },
  );
});

describe('tokens', () => {
  it('refuses missing, malformed and expired tokens with 401', async () => {
    const anonymous = new DwsClient(router.emulator, '', projects.one.id);
    expect((await anonymous.call('GET', '/clusters')).body).toMatchObject({ error_code: 'APIG.0301' });
    const forged = new DwsClient(router.emulator, `${router.admin.token.slice(0, -2)}xx`, projects.one.id);
    expect((await forged.call('GET', '/clusters')).status).toBe(401);

    const fresh = await DwsClient.login(router.emulator, users.viewer);
    clock += 24 * 60 * 60 * 1000 - 1000;
    expect((await fresh.call('GET', '/clusters')).status).toBe(200);
    clock += 1000;
    const expired = await fresh.call('GET', '/clusters');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      error_code: 'APIG.0301',
      error_msg: containing('expired'),
    });
    const renewed = await DwsClient.login(router.emulator, users.viewer);
    expect((await renewed.call('GET', '/clusters')).status).toBe(200);
  });
});
