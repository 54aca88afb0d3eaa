// `npm run bench`: installs the load generator, nginx (the reference proxy), PostgreSQL 15 with hypopg (the
// emulator's clusters and index advice) and Chromium when missing, builds what is stale (unless --skip-build),
// then runs every benchmark once and writes bench/results/latest.json and
// latest.md.
import { existsSync } from 'node:fs';
import { buildAll } from './build.mjs';
import { installSystemPackages, monitoringPackages } from './system-packages.mjs';
import { ensureSupportedNode } from './toolchain.mjs';
import { installDependencies, loadDotEnv, run } from './workspace.mjs';

await ensureSupportedNode();
loadDotEnv();
if (!process.argv.includes('--skip-install')) {
  installDependencies();
  installSystemPackages([
    { name: 'wrk', present: () => existsSync('/usr/bin/wrk') },
    { name: 'nginx-light', present: () => existsSync('/usr/sbin/nginx') },
    { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
    { name: 'postgresql-15', present: () => existsSync('/usr/lib/postgresql/15/bin/initdb') },
    {
      name: 'postgresql-15-hypopg',
      present: () => existsSync('/usr/share/postgresql/15/extension/hypopg.control'),
    },
    ...monitoringPackages,
  ]);
}
// The sections measure the console as built from this checkout.
if (!process.argv.includes('--skip-build')) await buildAll({ onlyStale: true });
run(process.execPath, [
  '--import',
  'tsx',
  'bench/src/main.ts',
  ...process.argv.slice(2).filter((a) => a !== '--skip-install' && a !== '--skip-build'),
]);
