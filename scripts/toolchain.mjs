// The Node the console runs and is tested on. A machine whose Node is older gets this one from the npm
// registry (the official binary, published as `node-<platform>-<arch>`) into `.toolchain/`, and the
// calling script runs again under it with that Node first on PATH, so pnpm, vitest, Playwright and
// the servers they start all run on it too. Plain Node, no dependencies: it runs before anything is
// installed, and on Node 20. See docs/decisions/017-node-24-from-the-npm-registry.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const nodeVersion = '24.22.3';
const minimumMajor = Number(nodeVersion.split('.')[0]);
const toolchainDir = path.join(root, '.toolchain');
const packageName = `node-${process.platform}-${process.arch}`;
const nodeBinDir = path.join(toolchainDir, 'node_modules', packageName, 'bin');

const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);

function installedVersion() {
  const node = path.join(nodeBinDir, 'node');
  if (!existsSync(node)) return undefined;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function install() {
  console.log(
    `▶ Node ${process.versions.node} is older than ${minimumMajor}: installing Node ${nodeVersion} into .toolchain/`,
  );
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      toolchainDir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${packageName}@${nodeVersion}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0 || installedVersion() !== nodeVersion) {
    console.error(
      `✖ could not install ${packageName}@${nodeVersion} from the npm registry; install Node ${minimumMajor} or newer`,
    );
    process.exit(1);
  }
}

/**
 * Returns when this process runs on a supported Node. Otherwise runs the calling script again under
 * the project's Node (installing it first), forwards Ctrl-C and SIGTERM to it, and exits with its status.
 */
export function ensureSupportedNode() {
  if (majorOf(process.versions.node) >= minimumMajor) return;
  if (installedVersion() !== nodeVersion) install();
  const env = { ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(path.join(nodeBinDir, 'node'), process.argv.slice(1), { stdio: 'inherit', env });
  // The child shares the terminal and gets Ctrl-C itself; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
  // Nothing else of the calling script may run on the old Node.
  return new Promise(() => {});
}
