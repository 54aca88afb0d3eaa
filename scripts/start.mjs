// `npm start`: install, build what is missing or stale, create the development PKI, start the emulator
// (unless real endpoints are configured) and the console, print where to go; Ctrl-C stops everything.
// `npm start -- --processes 3`: three console processes sharing Redis behind nginx, as in production.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Secret, TOTP } from 'otpauth';
import { buildAll } from './build.mjs';
import { checkNginxConf, localConsoleSiteConf, nginxArgs, nginxBinary } from './nginx-site.mjs';
import { installSystemPackages, monitoringPackages } from './system-packages.mjs';
import { ensureSupportedNode } from './toolchain.mjs';
import {
  installDependencies,
  loadDotEnv,
  root,
  run,
  spawnLogged,
  spawnNode,
  waitForHttps,
} from './workspace.mjs';

await ensureSupportedNode();

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      processes: { type: 'string', default: '1' },
      'skip-install': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\nUsage: npm start -- [--processes N] [--skip-install] [--skip-build]`);
  process.exit(2);
}
const processes = Number(options.processes);
if (!/^\d+$/.test(options.processes) || processes < 1 || processes > 16) {
  console.error('--processes: must be a whole number from 1 to 16');
  process.exit(2);
}
loadDotEnv();

if (!options['skip-install']) installDependencies();
if (!options['skip-build']) await buildAll({ onlyStale: true });

const env = { ...process.env };
const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
const pkiDir = path.join(dataDir, 'pki');
const runDir = path.join(dataDir, 'run');
const ssoDir = path.join(dataDir, 'sso');
const defaultDevIdpIssuer = 'http://127.0.0.1:9445';
env.DATA_DIR = dataDir;
mkdirSync(runDir, { recursive: true });
run(process.execPath, ['emulator/dist/pki-cli.js', pkiDir]);

const upstreams = ['IAM_ENDPOINT', 'DWS_ENDPOINT', 'DBMIND_ENDPOINT'];
const configured = upstreams.filter((name) => env[name]);
if (configured.length > 0 && configured.length < upstreams.length) {
  console.error(`Set all of ${upstreams.join(', ')} to use real endpoints, or none to use the emulator.`);
  process.exit(1);
}
const useEmulator = configured.length === 0;

const children = new Set();
let stopping = false;

function stop(code) {
  if (stopping) return;
  stopping = true;
  const alive = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    // nginx stops gracefully on SIGQUIT; SIGTERM would drop the streams it relays.
    child.kill(child.spawnfile.endsWith('nginx') ? 'SIGQUIT' : 'SIGTERM');
  }
  setTimeout(() => {
    for (const child of alive) child.kill('SIGKILL');
    process.exit(code);
  }, 15_000).unref();
}

/** Stops everything when a process dies, or starts it again when `restart` says so. */
function supervise(name, start, { restart = false } = {}) {
  const child = start();
  children.add(child);
  writeFileSync(path.join(runDir, `${name}.pid`), String(child.pid));
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return;
    if (restart) {
      console.error(`${name} stopped (${code ?? signal}); starting it again`);
      supervise(name, start, { restart });
      return;
    }
    console.error(`${name} stopped (${code ?? signal}); stopping everything`);
    stop(1);
  });
  return child;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const port = Number(env.PORT ?? '8443');
const host = env.HOST ?? '127.0.0.1';

/** The shipped directory names the demo provider at its default address; another port needs its own copy. */
function iamConfigFor(issuer) {
  const shipped = path.join(root, 'emulator', 'config', 'iam.json');
  if (issuer === defaultDevIdpIssuer) return shipped;
  const copy = path.join(ssoDir, 'iam.json');
  writeFileSync(copy, readFileSync(shipped, 'utf8').replaceAll(defaultDevIdpIssuer, issuer));
  return copy;
}

async function waitForIdp(issuer, isAlive) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && isAlive()) {
    const answered = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(2000),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * The development identity provider beside the emulator, and the console registered at it as a confidential
 * client whose secret lives in a file under DATA_DIR (docs/decisions/033-single-sign-on.md).
 */
async function startDevIdp() {
  mkdirSync(ssoDir, { recursive: true, mode: 0o700 });
  const secretFile = path.join(ssoDir, 'client-secret');
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  const idpPort = env.DEV_IDP_PORT ?? '9445';
  const issuer = `http://127.0.0.1:${idpPort}`;
  const consoleUrl = `https://localhost:${port}`;
  const idp = supervise('identity-provider', () =>
    spawnNode('identity-provider', 'emulator/dist/idp-cli.js', {
      ...env,
      DEV_IDP_PORT: idpPort,
      DEV_IDP_CLIENT_SECRET_FILE: secretFile,
      DEV_IDP_CONSOLE_URL: consoleUrl,
      DEV_IDP_CONSOLE_CA: path.join(pkiDir, 'ca.crt'),
    }),
  );
  if (!(await waitForIdp(issuer, () => idp.exitCode === null))) {
    console.error('the identity provider did not start');
    stop(1);
  }
  env.EMULATOR_IAM_CONFIG ??= iamConfigFor(issuer);
  env.OIDC_ISSUER ??= issuer;
  env.OIDC_CLIENT_ID ??= 'dws-console';
  env.OIDC_CLIENT_SECRET_FILE ??= secretFile;
  env.OIDC_IAM_IDP_ID ??= 'demo-idp';
  env.OIDC_PROVIDER_NAME ??= 'Demo IdP';
  env.CONSOLE_URL ??= consoleUrl;
}

if (useEmulator) {
  if (!options['skip-install']) installSystemPackages(monitoringPackages);
  if (env.DEV_IDP !== 'off') await startDevIdp();
  const emulatorPort = env.EMULATOR_PORT ?? '9443';
  const dbmindPort = env.EMULATOR_DBMIND_PORT ?? '9444';
  const emulator = supervise('emulator', () => spawnNode('emulator', 'emulator/dist/main.js', env));
  const isAlive = () => emulator.exitCode === null;
  if (!(await waitForHttps(`https://127.0.0.1:${emulatorPort}/`, 120_000, isAlive))) {
    console.error('the emulator did not start');
    stop(1);
  }
  if (env.EMULATOR_DEMO_CLUSTER !== 'off') {
    // Beside the console: it waits for the demo cluster to be available before registering it with DBMind.
    const demo = spawnLogged(
      'demo-cluster',
      process.execPath,
      [
        '--enable-source-maps',
        'emulator/dist/demo-cluster-cli.js',
        `https://127.0.0.1:${emulatorPort}`,
        `https://127.0.0.1:${dbmindPort}`,
        pkiDir,
      ],
      env,
    );
    children.add(demo);
    demo.on('exit', (code) => {
      children.delete(demo);
      if (code !== 0 && !stopping)
        console.error(`the demo cluster was not set up (${code}); see its output above`);
    });
  }
  env.IAM_ENDPOINT = `https://127.0.0.1:${emulatorPort}`;
  env.DWS_ENDPOINT = `https://127.0.0.1:${emulatorPort}`;
  env.DBMIND_ENDPOINT = `https://127.0.0.1:${dbmindPort}`;
  env.UPSTREAM_CA ??= path.join(pkiDir, 'ca.crt');
}

/** The production topology on one machine: Redis, the console processes on the ports after PORT, nginx on PORT. */
async function startBalanced() {
  const consolePorts = Array.from({ length: processes }, (_, i) => port + 1 + i);
  if (!env.REDIS_URL) {
    const redisPort = port + processes + 1;
    const redisDir = path.join(dataDir, 'redis');
    mkdirSync(redisDir, { recursive: true });
    supervise('redis', () =>
      spawnLogged(
        'redis',
        '/usr/bin/redis-server',
        [
          ...['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir],
          ...['--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
        ],
        env,
      ),
    );
    env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  }
  const nginxDir = path.join(dataDir, 'nginx');
  rmSync(nginxDir, { recursive: true, force: true });
  mkdirSync(nginxDir, { recursive: true });
  const conf = path.join(nginxDir, 'nginx.conf');
  writeFileSync(
    conf,
    localConsoleSiteConf({
      dir: nginxDir,
      host,
      port,
      consolePorts,
      tls: {
        cert: path.join(pkiDir, 'server.crt'),
        key: path.join(pkiDir, 'server.key'),
        ca: path.join(pkiDir, 'ca.crt'),
      },
    }),
  );
  try {
    checkNginxConf(conf);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const consoles = consolePorts.map((consolePort, i) => {
    const name = `console-${i + 1}`;
    return supervise(
      name,
      () =>
        spawnNode(name, 'bff/dist/main.js', {
          ...env,
          PORT: String(consolePort),
          // Only nginx, on this machine, reaches the console processes; it says who the browser is.
          TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? '127.0.0.1',
        }),
      { restart: true },
    );
  });
  // nginx answers as soon as it runs (502 while no console process is up): wait for the consoles first.
  for (const [i, child] of consoles.entries()) {
    if (
      !(await waitForHttps(
        `https://127.0.0.1:${consolePorts[i]}/healthz`,
        60_000,
        () => child.exitCode === null,
      ))
    ) {
      console.error(`console-${i + 1} did not start`);
      stop(1);
    }
  }
  return supervise('nginx', () => spawnLogged('nginx', nginxBinary, nginxArgs(conf), env));
}

/** The demo users whose log-ins a virtual MFA device protects, each with the URI an authenticator app scans. */
function demoMfaUsers() {
  const iam = JSON.parse(readFileSync(path.join(root, 'emulator', 'config', 'iam.json'), 'utf8'));
  return iam.domains.flatMap((domain) =>
    domain.users
      .filter((user) => user.virtual_mfa)
      .map((user) => {
        const totp = new TOTP({
          issuer: 'DWS Console (demo)',
          label: `${user.name}@${domain.name}`,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          secret: Secret.fromBase32(user.virtual_mfa.secret),
        });
        return `    ${user.name.padEnd(10)} ${user.password}  every DWS action, after the code of its virtual MFA device:
      ${totp.toString()}`;
      }),
  );
}

/** The demo provider's people, each with what IAM's mapping gives them. */
function demoPeople() {
  const { people } = JSON.parse(readFileSync(path.join(root, 'emulator', 'config', 'dev-idp.json'), 'utf8'));
  const what = {
    'console-admins': 'group dws-admins: every DWS action in ae-ad-1, list and detail in ae-ad-2',
    'console-readers': 'group dws-readers: list and detail in both projects',
  };
  return people.map(
    (person) =>
      `    ${person.username.padEnd(7)} ${person.password.padEnd(13)} ${person.groups.map((g) => what[g]).find(Boolean) ?? 'mapped to no group: refused by IAM'}`,
  );
}

if (!stopping) {
  const front =
    processes > 1 ? await startBalanced() : supervise('bff', () => spawnNode('bff', 'bff/dist/main.js', env));
  if (await waitForHttps(`https://127.0.0.1:${port}/healthz`, 60_000, () => front.exitCode === null)) {
    console.log(`
  DWS Console: https://localhost:${port}${processes > 1 ? ` (nginx in front of ${processes} console processes sharing ${env.REDIS_URL})` : ''}
  (the certificate is signed by the development CA in ${path.relative(root, pkiDir)}/ca.crt)
${
  useEmulator
    ? `
  Demo logins (account "demo", projects ae-ad-1 and ae-ad-2):
    admin   Admin@12345    every DWS action
    viewer  Viewer@12345   list and detail only
    mfa-new MfaNew@12345   list and detail; binds a virtual MFA device with the header's "虚拟MFA" button
${
  env.DEV_IDP !== 'off'
    ? `  Single sign-on ("Sign in with ${env.OIDC_PROVIDER_NAME}" on the log-in page; the demo provider at ${env.OIDC_ISSUER}):
${demoPeople().join('\n')}
`
    : ''
}
  With virtual MFA (add the otpauth:// URI to an authenticator app; the code is asked after the password):
${demoMfaUsers().join('\n')}

  The demo cluster "demo-cluster" (administrator dbadmin, password Demo@Cluster2026) is registered
  with DBMind and gets the database test_db for DBMind's examples once it is available.
`
    : ''
}
  Press Ctrl-C to stop.
`);
  }
}
