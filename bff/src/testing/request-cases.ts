/**
 * Requests with the answer the seed gives for each, written down by hand, case by case: whether the console
 * must let the body through (`true`) or refuse it itself (`false`). Each case names the rule it comes from.
 * Neither the fuzz's oracle (`request-oracle.ts`) nor the console's zod schemas is consulted to write them,
 * so either one letting through what the seed forbids disagrees with this table.
 */
export interface RequestCase {
  /** `METHOD /path` as in `acceptedBodies`. */
  route: string;
  /** The seed's rule the case tries. */
  rule: string;
  body: unknown;
  accepted: boolean;
}

const uuid = '374eca02-cfc4-4de7-8ab5-dbebf7d9a720';
const cluster = {
  name: 'orders-1',
  node_type: 'dws.m3.xlarge',
  number_of_node: 3,
  subnet_id: uuid,
  security_group_id: uuid,
  vpc_id: uuid,
  user_name: 'dbadmin',
  user_pwd: 'Harbor#Light-2077',
};
const create = (rule: string, changes: Record<string, unknown>, accepted: boolean): RequestCase => ({
  route: 'POST /api/dws/clusters',
  rule: `table 5-3: ${rule}`,
  body: { cluster: { ...cluster, ...changes } },
  accepted,
});
const reset = (rule: string, newPassword: unknown, accepted: boolean): RequestCase => ({
  route: 'POST /api/dws/clusters/{id}/reset-password',
  rule: `table 5-45: ${rule}`,
  body: { new_password: newPassword },
  accepted,
});
const snapshot = (rule: string, changes: Record<string, unknown>, accepted: boolean): RequestCase => ({
  route: 'POST /api/dws/snapshots',
  rule: `table 5-49: ${rule}`,
  body: { snapshot: { name: 'nightly-1', cluster_id: uuid, ...changes } },
  accepted,
});
const restore = (rule: string, changes: Record<string, unknown>, accepted: boolean): RequestCase => ({
  route: 'POST /api/dws/snapshots/{id}/actions',
  rule: `table 5-65: ${rule}`,
  body: { restore: { name: 'restored-1', ...changes } },
  accepted,
});

export const requestCases: RequestCase[] = [
  create('every required field, as in the seed example', {}, true),
  create('number_of_node 2 is the least', { number_of_node: 2, number_of_cn: undefined }, true),
  create('number_of_node 256 is the most', { number_of_node: 256 }, true),
  create('number_of_node 1 is too few', { number_of_node: 1 }, false),
  create('number_of_node 257 is too many', { number_of_node: 257 }, false),
  create('number_of_node is an Integer', { number_of_node: 3.5 }, false),
  create('number_of_node is an Integer, not a String', { number_of_node: '3' }, false),
  create('port 8000 is the least', { port: 8000 }, true),
  create('port 30000 is the most', { port: 30000 }, true),
  create('port 7999 is too low', { port: 7999 }, false),
  create('port 30001 is too high', { port: 30001 }, false),
  create('name 4 characters is the shortest', { name: 'abcd' }, true),
  create('name 64 characters is the longest', { name: `a${'b'.repeat(63)}` }, true),
  create('name 3 characters is too short', { name: 'abc' }, false),
  create('name 65 characters is too long', { name: `a${'b'.repeat(64)}` }, false),
  create('name starts with a letter', { name: '1orders' }, false),
  create('name has letters, digits, - and _ only', { name: 'orders.1' }, false),
  create('name is required', { name: undefined }, false),
  create('node_type is required', { node_type: undefined }, false),
  create('subnet_id is required', { subnet_id: undefined }, false),
  create('user_name lower-case letters, digits and _', { user_name: 'db_admin_2' }, true),
  create('user_name starts with a lower-case letter or _', { user_name: '_dba' }, true),
  create('user_name has no upper-case letter', { user_name: 'DbAdmin' }, false),
  create('user_name does not start with a digit', { user_name: '1dba' }, false),
  create('user_name 63 characters is the longest', { user_name: `d${'b'.repeat(62)}` }, true),
  create('user_name 64 characters is too long', { user_name: `d${'b'.repeat(63)}` }, false),
  create('user_name is not a database key word', { user_name: 'select' }, false),
  create('user_pwd 8 characters, three kinds', { user_pwd: 'Abcdef1!' }, true),
  create('user_pwd 7 characters is too short', { user_pwd: 'Abcde1!' }, false),
  create('user_pwd 33 characters is too long', { user_pwd: `Aa1!${'x'.repeat(29)}` }, false),
  create('user_pwd with two kinds only', { user_pwd: 'abcdefgh12' }, false),
  create('user_pwd is not the user name reversed', { user_name: 'ab1_cd_ef', user_pwd: 'fe_dc_1ba' }, false),
  create('public_ip not_use', { public_ip: { public_bind_type: 'not_use' } }, true),
  create('public_ip takes one of three bind types', { public_ip: { public_bind_type: 'always' } }, false),
  create('number_of_cn 2 is the least', { number_of_cn: 2 }, true),
  create('number_of_cn 1 is too few', { number_of_cn: 1 }, false),
  create('number_of_cn is below number_of_node', { number_of_node: 3, number_of_cn: 3 }, false),
  create('number_of_cn 20 is the most', { number_of_node: 30, number_of_cn: 20 }, true),
  create('number_of_cn 21 is too many', { number_of_node: 30, number_of_cn: 21 }, false),
  { route: 'POST /api/dws/clusters', rule: 'table 5-3: the body holds a cluster', body: {}, accepted: false },

  {
    route: 'DELETE /api/dws/clusters/{id}',
    rule: 'table 5-35: keep_last_manual_snapshot 0',
    body: { keep_last_manual_snapshot: 0 },
    accepted: true,
  },
  {
    route: 'DELETE /api/dws/clusters/{id}',
    rule: 'table 5-35: keep_last_manual_snapshot is required',
    body: {},
    accepted: false,
  },
  {
    route: 'DELETE /api/dws/clusters/{id}',
    rule: 'table 5-35: keep_last_manual_snapshot is a count',
    body: { keep_last_manual_snapshot: -1 },
    accepted: false,
  },

  {
    route: 'POST /api/dws/clusters/{id}/restart',
    rule: 'table 5-38: the seed example, an empty restart object',
    body: { restart: {} },
    accepted: true,
  },
  {
    route: 'POST /api/dws/clusters/{id}/restart',
    rule: 'table 5-38: restart is an object',
    body: { restart: 'now' },
    accepted: false,
  },
  {
    route: 'POST /api/dws/clusters/{id}/resize',
    rule: 'table 5-42: the seed example, count 3',
    body: { scale_out: { count: 3 } },
    accepted: true,
  },
  {
    route: 'POST /api/dws/clusters/{id}/resize',
    rule: 'table 5-42: count is an Integer, not a String',
    body: { scale_out: { count: '3' } },
    accepted: false,
  },
  {
    route: 'POST /api/dws/clusters/{id}/resize',
    rule: 'table 5-42: count adds nodes, at least one',
    body: { scale_out: { count: 0 } },
    accepted: false,
  },

  reset('8-32 characters, three of four kinds', 'Harbor#Light-2077', true),
  reset('three kinds: lower, digit, special', 'harbor#light-2077', true),
  reset('7 characters is too short', 'Ab1!xyz', false),
  reset('33 characters is too long', `Aa1!${'x'.repeat(29)}`, false),
  reset('two kinds only', 'HARBORLIGHT2077', false),
  reset('only the listed special characters', 'Harbor Light 2077', false),
  reset('not a weak password', 'Password@123', false),
  reset('new_password is required', undefined, false),

  snapshot('name, cluster_id and a plain description', { description: 'nightly backup' }, true),
  snapshot('name 3 characters is too short', { name: 'abc' }, false),
  snapshot('name starts with a letter', { name: '_nightly' }, false),
  snapshot('description of 256 characters is the longest', { description: 'd'.repeat(256) }, true),
  snapshot('description of 257 characters is too long', { description: 'd'.repeat(257) }, false),
  ...[...`!<>'=&"`].map((c) => snapshot(`description without ${c}`, { description: `a ${c} b` }, false)),
  snapshot('cluster_id is required', { cluster_id: undefined }, false),

  restore('a name is all it needs', {}, true),
  restore('port 30000 is the most', { port: 30000 }, true),
  restore('port 30001 is too high', { port: 30001 }, false),
  restore('name starts with a letter', { name: '9restored' }, false),
  restore('name 65 characters is too long', { name: `r${'e'.repeat(64)}` }, false),
  restore('public_ip takes one of three bind types', { public_ip: { public_bind_type: 'maybe' } }, false),
  {
    route: 'POST /api/dws/snapshots/{id}/actions',
    rule: 'table 5-65: the body holds a restore',
    body: { name: 'restored-1' },
    accepted: false,
  },
];
