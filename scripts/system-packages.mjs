// Debian packages the commands need, installed with apt-get only when missing.
import { existsSync } from 'node:fs';
import { run } from './workspace.mjs';

/** What the emulator's DBMind reads its metrics from: Prometheus and the exporters it runs on each server. */
export const monitoringPackages = [
  { name: 'prometheus', present: () => existsSync('/usr/bin/prometheus') },
  {
    name: 'prometheus-postgres-exporter',
    present: () => existsSync('/usr/bin/prometheus-postgres-exporter'),
  },
  { name: 'prometheus-process-exporter', present: () => existsSync('/usr/bin/prometheus-process-exporter') },
  { name: 'prometheus-node-exporter', present: () => existsSync('/usr/bin/prometheus-node-exporter') },
];

export function installSystemPackages(packages) {
  const missing = packages.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const apt = (args) =>
    run(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log(`installing ${missing.join(', ')} with apt-get`);
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
