// `npm run emulator`: the emulated IAM, DWS and DBMind alone.
import { installDependencies, loadDotEnv, spawnTs } from './workspace.mjs';

loadDotEnv();
if (!process.argv.includes('--skip-install')) installDependencies();
const child = spawnTs('emulator', 'emulator/src/main.ts', process.env);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
