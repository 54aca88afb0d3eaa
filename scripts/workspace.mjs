// Helpers for the two commands. Plain Node, no dependencies: they run before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pnpmVersion = '10.34.8';

/** Runs a command in the repository, inheriting the terminal; exits with its status when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${[command, ...args].join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

export function pnpm(args, options) {
  run('npx', ['--yes', `pnpm@${pnpmVersion}`, ...args], options);
}

/** Installs the workspace exactly as the lockfile says (pnpm is fetched by npx, so only Node is needed). */
export function installDependencies() {
  pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
}

/** Reads `.env` when there is one; variables already set in the environment win. */
export function loadDotEnv() {
  const file = path.join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Spawns a built entry point (see build.mjs) on this Node. Its output goes to the terminal, each line
 * prefixed with its name, and to `<DATA_DIR>/logs/<name>.log`, which the test command scans for secrets.
 */
export function spawnNode(name, entry, env) {
  return spawnLogged(name, process.execPath, ['--enable-source-maps', entry], env);
}

/** Spawns any program the same way (Redis and nginx for several console processes). */
export function spawnLogged(name, command, args, env) {
  const logDir = path.join(path.resolve(root, env.DATA_DIR ?? '.data'), 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        out.write(`[${name}] ${line}\n`);
        logFile.write(`${line}\n`);
      }
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', () => logFile.end());
  return child;
}

/** Waits until an HTTPS endpoint answers anything at all. */
export async function waitForHttps(url, timeoutMs, isAlive) {
  const { request } = await import('node:https');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) return false;
    const ok = await new Promise((resolve) => {
      const req = request(url, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
