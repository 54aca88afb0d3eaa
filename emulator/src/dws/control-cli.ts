// The emulator's control from a shell (decision 016), for demos:
//   npm run control --prefix emulator -- fault <cluster> <stop|read-only|connections|lock|long-transaction> [--end]
//   npm run control --prefix emulator -- hold <create|restore|restart|resize|snapshot|delete> [--cluster <name>]
//   npm run control --prefix emulator -- release <hold id> | holds | faults <cluster>
// <cluster> is a cluster's id or its name. EMULATOR_URL (default https://127.0.0.1:9443) and DATA_DIR (for the CA,
// default .data) say where the emulator is.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { end: { type: 'boolean' }, table: { type: 'string' }, cluster: { type: 'string' } },
});
const [command, first, second] = positionals;
const endpoint = process.env.EMULATOR_URL ?? 'https://127.0.0.1:9443';
const ca = await readFile(path.join(process.env.DATA_DIR ?? '.data', 'pki', 'ca.crt'));
const dispatcher = new Agent({ connect: { ca } });

async function call(method: string, route: string, body?: unknown): Promise<void> {
  const response = await fetch(`${endpoint}/emulator${route}`, {
    method,
    dispatcher,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  console.log(response.ok ? text || 'done' : `HTTP ${response.status}: ${text}`);
  if (!response.ok) process.exitCode = 1;
}

const cluster = (name: string) => `/clusters/${encodeURIComponent(name)}`;

if (command === 'fault' && first && second) {
  await (values.end
    ? call('DELETE', `${cluster(first)}/faults/${encodeURIComponent(second)}`)
    : call('POST', `${cluster(first)}/faults`, {
        fault: second,
        ...(values.table ? { table: values.table } : {}),
      }));
} else if (command === 'faults' && first) {
  await call('GET', `${cluster(first)}/faults`);
} else if (command === 'hold' && first) {
  await call('POST', '/holds', { task: first, ...(values.cluster ? { cluster: values.cluster } : {}) });
} else if (command === 'release' && first) {
  await call('DELETE', `/holds/${encodeURIComponent(first)}`);
} else if (command === 'holds') {
  await call('GET', '/holds');
} else {
  console.error(
    'usage: control fault <cluster> <stop|read-only|connections|lock|long-transaction> [--end] [--table <name>]\n' +
      '       control faults <cluster> | hold <task> [--cluster <name>] | release <hold id> | holds',
  );
  process.exitCode = 2;
}
await dispatcher.close();
