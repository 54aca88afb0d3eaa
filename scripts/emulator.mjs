// `npm run emulator`: the emulated IAM, DWS and DBMind alone.
import { buildAll } from './build.mjs';
import { ensureSupportedNode } from './toolchain.mjs';
import { installDependencies, loadDotEnv, spawnNode } from './workspace.mjs';

await ensureSupportedNode();
loadDotEnv();
if (!process.argv.includes('--skip-install')) installDependencies();
await buildAll({ onlyStale: true });
const child = spawnNode('emulator', 'emulator/dist/main.js', process.env);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
