// `npm start` gives a fresh emulator one cluster to look at and to diagnose: when the demo project has
// no cluster yet, this asks the DWS API (as the demo administrator, like any client) to create one.
//   tsx emulator/src/dws/demo-cluster-cli.ts https://127.0.0.1:9443 .data/pki/ca.crt
import { readFile } from 'node:fs/promises';
import { Agent, fetch } from 'undici';
import { passwordTokenRequest } from '@dws-console/shared';

const [endpoint, caFile] = process.argv.slice(2);
if (!endpoint || !caFile) {
  console.error('usage: demo-cluster-cli <emulator url> <ca file>');
  process.exit(2);
}
const dispatcher = new Agent({ connect: { ca: await readFile(caFile) } });
const login = await fetch(`${endpoint}/v3/auth/tokens`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(
    passwordTokenRequest({ domain: 'demo', username: 'admin', password: 'Admin@12345', project: 'ae-ad-1' }),
  ),
  dispatcher,
});
const token = login.headers.get('X-Subject-Token');
const { token: info } = (await login.json()) as { token: { project: { id: string } } };
if (login.status !== 201 || !token) throw new Error(`demo log-in failed: HTTP ${login.status}`);
const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/json' };
const base = `${endpoint}/v1.0/${info.project.id}/clusters`;

const list = (await (await fetch(base, { headers, dispatcher })).json()) as { count: number };
if (list.count > 0) {
  console.log('demo cluster: the demo project already has clusters');
} else {
  const created = await fetch(base, {
    method: 'POST',
    headers,
    dispatcher,
    body: JSON.stringify({
      cluster: {
        name: 'demo-cluster',
        node_type: 'dws.d2.xlarge',
        number_of_node: 3,
        subnet_id: '374eca02-cfc4-4de7-8ab5-dbebf7d9a720',
        security_group_id: 'dc3ec145-9029-4b39-b5a3-ace5a01f772b',
        vpc_id: '85b20d7e-9eb7-4b2a-98f3-3c8843ea3574',
        availability_zone: 'ae-ad-1',
        port: 8000,
        user_name: 'dbadmin',
        user_pwd: 'Demo@Cluster2026',
        public_ip: { public_bind_type: 'not_use' },
      },
    }),
  });
  console.log(
    `demo cluster: creating demo-cluster (HTTP ${created.status}); DBMind gives it test_db once it is available`,
  );
}
await dispatcher.close();
