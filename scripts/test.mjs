// `npm test`: installs what the checks need, then lint, typecheck, unit and integration tests,
// and the journeys in Chromium. Stops at the first failing step.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAll } from './build.mjs';
import { runFolders, runMarker } from './scan-secrets.mjs';
import { installSystemPackages, monitoringPackages } from './system-packages.mjs';
import { ensureSupportedNode } from './toolchain.mjs';
import { installDependencies, pnpm, run } from './workspace.mjs';

await ensureSupportedNode();

/** Debian packages the tests drive for real: the browser and a Chinese font, PostgreSQL 15 and its hypothetical-index extension, Redis, sslscan for the TLS profile, nginx in front of several console processes, and DBMind's Prometheus with its exporters. */
const systemPackages = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'postgresql-15', present: () => existsSync('/usr/lib/postgresql/15/bin/initdb') },
  { name: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
  { name: 'sslscan', present: () => existsSync('/usr/bin/sslscan') },
  // The load balancer in front of several console processes (e2e/multi-process.spec.ts).
  { name: 'nginx-light', present: () => existsSync('/usr/sbin/nginx') },
  // Journey screenshots show Chinese text.
  { name: 'fonts-wqy-zenhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc') },
  {
    name: 'postgresql-15-hypopg',
    present: () => existsSync('/usr/share/postgresql/15/extension/hypopg.control'),
  },
  ...monitoringPackages,
];

installDependencies();
installSystemPackages(systemPackages);

// The secret scan reads only what this run writes: its folders start empty, and the marker says when it began.
for (const folder of Object.values(runFolders)) rmSync(folder, { recursive: true, force: true });
mkdirSync(path.dirname(runMarker), { recursive: true });
writeFileSync(runMarker, JSON.stringify({ startedAt: Date.now() }));

const step = (title) => console.log(`\n▶ ${title}`);
step('format');
pnpm(['exec', 'prettier', '--check', '.', '--log-level', 'warn']);
step('lint');
pnpm(['exec', 'eslint', '.', '--max-warnings', '0']);
step('typecheck');
pnpm(['run', 'typecheck']);
step('build');
await buildAll();
step('unit and integration tests');
pnpm(['exec', 'vitest', 'run']);
step('journeys');
pnpm(['exec', 'playwright', 'test']);
step('journeys through nginx in front of three console processes');
pnpm(['exec', 'playwright', 'test', '--config', 'playwright.multi-process.config.ts']);
step('logs hold no secrets');
run(process.execPath, ['scripts/scan-secrets.mjs']);
