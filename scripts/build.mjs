// `npm run build`: the web app (Vite) and the JavaScript the BFF and the emulator run on Node (esbuild,
// one bundle per entry point). `npm start` builds only what is missing or older than its sources.
// See docs/decisions/018-built-javascript-and-several-console-processes.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pnpm, root } from './workspace.mjs';

/** What each part is built from; `shared/` is bundled into each part that imports it. */
export const targets = [
  {
    name: 'web',
    inputs: ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'shared/src'],
    output: 'web/dist/index.html',
    build: () => pnpm(['--filter', '@dws-console/web', 'run', 'build']),
  },
  {
    name: 'bff',
    inputs: ['bff/src', 'bff/package.json', 'shared/src'],
    output: 'bff/dist/main.js',
    build: () => bundle('bff', { main: 'src/main.ts' }),
  },
  {
    name: 'emulator',
    inputs: ['emulator/src', 'emulator/package.json', 'shared/src'],
    output: 'emulator/dist/main.js',
    build: () =>
      bundle('emulator', {
        main: 'src/main.ts',
        'pki-cli': 'src/pki/cli.ts',
        'demo-cluster-cli': 'src/dws/demo-cluster-cli.ts',
        'demo-data-cli': 'src/dbmind/demo/demo-data-cli.ts',
        'control-cli': 'src/dws/control-cli.ts',
        'idp-cli': 'src/idp/idp-cli.ts',
      }),
  },
];

/**
 * One ES module per entry in `<package>/dist/`. The workspace's own packages (TypeScript source) are
 * bundled in; every other import stays an import of the package's production dependencies, so the
 * result runs with `pnpm install --prod` and no TypeScript tooling.
 */
async function bundle(packageName, entryPoints) {
  const { build } = await import('esbuild');
  const packageDir = path.join(root, packageName);
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const runtime = Object.keys(manifest.dependencies ?? {});
  await build({
    absWorkingDir: packageDir,
    entryPoints,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'production-dependencies-only',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => {
            if (specifier.startsWith('node:') || specifier.startsWith('@dws-console/')) return undefined;
            const name = specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/');
            if (!runtime.includes(name)) {
              return {
                errors: [
                  { text: `${name} is imported at run time but is not in ${packageName}'s dependencies` },
                ],
              };
            }
            return { external: true };
          });
        },
      },
    ],
  });
}

function newestChange(entry) {
  const full = path.join(root, entry);
  const stats = statSync(full, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(full, { recursive: true, withFileTypes: true })) {
    if (child.isFile() && !/\.test\.tsx?$/.test(child.name)) {
      newest = Math.max(newest, statSync(path.join(child.parentPath, child.name)).mtimeMs);
    }
  }
  return newest;
}

function isStale(target) {
  const built = statSync(path.join(root, target.output), { throwIfNoEntry: false });
  return !built || Math.max(...target.inputs.map(newestChange)) > built.mtimeMs;
}

/** Builds every part, or with `onlyStale` those whose output is missing or older than a source. */
export async function buildAll({ onlyStale = false } = {}) {
  for (const target of targets) {
    if (onlyStale && !isStale(target)) continue;
    console.log(`▶ build ${target.name}`);
    await target.build();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensureSupportedNode } = await import('./toolchain.mjs');
  await ensureSupportedNode();
  await buildAll();
}
