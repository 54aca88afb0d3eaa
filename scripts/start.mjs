// `npm start`: install, build, create the development PKI, start the emulator (unless real endpoints
// are configured) and the BFF, print where to go; Ctrl-C stops everything that was started.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { installDependencies, loadDotEnv, pnpm, root, run, spawnTs, waitForHttps } from './workspace.mjs';

const flags = new Set(process.argv.slice(2));
loadDotEnv();

if (!flags.has('--skip-install')) installDependencies();
if (!flags.has('--skip-build')) pnpm(['--filter', '@dws-console/web', 'run', 'build']);

const env = { ...process.env };
const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
const pkiDir = path.join(dataDir, 'pki');
env.DATA_DIR = dataDir;
run(process.execPath, ['--import', 'tsx', 'emulator/src/pki/cli.ts', pkiDir]);

const upstreams = ['IAM_ENDPOINT', 'DWS_ENDPOINT', 'DBMIND_ENDPOINT'];
const configured = upstreams.filter((name) => env[name]);
if (configured.length > 0 && configured.length < upstreams.length) {
  console.error(`Set all of ${upstreams.join(', ')} to use real endpoints, or none to use the emulator.`);
  process.exit(1);
}
const useEmulator = configured.length === 0;

const children = [];
let stopping = false;

function stop(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const child of alive) child.kill('SIGKILL');
    process.exit(code);
  }, 15_000).unref();
}

function supervise(child, name) {
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${code ?? signal}); stopping everything`);
    stop(1);
  });
  return child;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (useEmulator) {
  const emulatorPort = env.EMULATOR_PORT ?? '9443';
  const dbmindPort = env.EMULATOR_DBMIND_PORT ?? '9444';
  const emulator = supervise(spawnTs('emulator', 'emulator/src/main.ts', env), 'emulator');
  const isAlive = () => emulator.exitCode === null;
  if (!(await waitForHttps(`https://127.0.0.1:${emulatorPort}/`, 120_000, isAlive))) {
    console.error('the emulator did not start');
    stop(1);
  }
  if (env.EMULATOR_DEMO_CLUSTER !== 'off') {
    run(process.execPath, [
      '--import',
      'tsx',
      'emulator/src/dws/demo-cluster-cli.ts',
      `https://127.0.0.1:${emulatorPort}`,
      path.join(pkiDir, 'ca.crt'),
    ]);
  }
  env.IAM_ENDPOINT = `https://127.0.0.1:${emulatorPort}`;
  env.DWS_ENDPOINT = `https://127.0.0.1:${emulatorPort}`;
  env.DBMIND_ENDPOINT = `https://127.0.0.1:${dbmindPort}`;
  env.UPSTREAM_CA ??= path.join(pkiDir, 'ca.crt');
  env.DBMIND_CLIENT_CERT ??= path.join(pkiDir, 'client.crt');
  env.DBMIND_CLIENT_KEY ??= path.join(pkiDir, 'client.key');
  env.DBMIND_CLIENT_KEY_PASSPHRASE ??= readFileSync(path.join(pkiDir, 'client.pass'), 'utf8').trim();
}
env.TLS_CERT ??= path.join(pkiDir, 'server.crt');
env.TLS_KEY ??= path.join(pkiDir, 'server.key');

if (!stopping) {
  const port = env.PORT ?? '8443';
  const bff = supervise(spawnTs('bff', 'bff/src/main.ts', env), 'bff');
  if (await waitForHttps(`https://127.0.0.1:${port}/healthz`, 60_000, () => bff.exitCode === null)) {
    console.log(`
  DWS Console: https://localhost:${port}
  (the certificate is signed by the development CA in ${path.relative(root, pkiDir)}/ca.crt)
${
  useEmulator
    ? `
  Demo logins (account "demo", projects ae-ad-1 and ae-ad-2):
    admin   Admin@12345    every DWS action
    viewer  Viewer@12345   list and detail only

  The demo cluster "demo-cluster" (administrator dbadmin, password Demo@Cluster2026) gets the
  database test_db for DBMind's examples once it is available.
`
    : ''
}
  Press Ctrl-C to stop.
`);
  }
}
