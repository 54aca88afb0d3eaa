// `npm run bench`: installs the load generator, nginx (the reference proxy), PostgreSQL 15 with hypopg (the
// emulator's clusters and index advice) and Chromium when missing, builds the console (unless --skip-build or
// --only leaves out the web section), then runs every benchmark once and writes bench/results/latest.json and
// latest.md.
import { existsSync } from 'node:fs';
import { installDependencies, loadDotEnv, pnpm, run } from './workspace.mjs';
import { installSystemPackages } from './system-packages.mjs';

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
  ]);
}
// The web section weighs and loads the console as built from this checkout.
const only = process.argv.find((arg) => arg.startsWith('--only='));
if (!process.argv.includes('--skip-build') && (!only || only.split('=')[1].split(',').includes('web'))) {
  pnpm(['--filter', '@dws-console/web', 'run', 'build']);
}
run(process.execPath, [
  '--import',
  'tsx',
  'bench/src/main.ts',
  ...process.argv.slice(2).filter((a) => a !== '--skip-install' && a !== '--skip-build'),
]);
