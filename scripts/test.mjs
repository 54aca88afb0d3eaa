// `npm test`: installs what the checks need, then lint, typecheck, unit and integration tests,
// and the journeys in Chromium. Stops at the first failing step.
import { existsSync } from 'node:fs';
import { installDependencies, pnpm, run } from './workspace.mjs';

/** Debian packages the tests drive for real: the browser, PostgreSQL 15 and its hypothetical-index extension. */
const systemPackages = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'postgresql-15', present: () => existsSync('/usr/lib/postgresql/15/bin/initdb') },
  {
    name: 'postgresql-15-hypopg',
    present: () => existsSync('/usr/share/postgresql/15/extension/hypopg.control'),
  },
];

function installSystemPackages() {
  const missing = systemPackages.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log(`installing ${missing.join(', ')} with apt-get`);
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

installDependencies();
installSystemPackages();

const step = (title) => console.log(`\n▶ ${title}`);
step('format');
pnpm(['exec', 'prettier', '--check', '.', '--log-level', 'warn']);
step('lint');
pnpm(['exec', 'eslint', '.', '--max-warnings', '0']);
step('typecheck');
pnpm(['run', 'typecheck']);
step('build');
pnpm(['--filter', '@dws-console/web', 'run', 'build']);
step('unit and integration tests');
pnpm(['exec', 'vitest', 'run']);
step('journeys');
pnpm(['exec', 'playwright', 'test']);
