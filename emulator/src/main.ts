import { loadEmulatorConfig } from './config.ts';
import { startEmulator } from './emulator.ts';

const emulator = await startEmulator(loadEmulatorConfig(process.env));
console.log(`emulator: IAM and DWS at ${emulator.cloudUrl}, DBMind (mutual TLS) at ${emulator.dbmindUrl}`);
console.log(`emulator: DBMind's metric history in Prometheus at ${emulator.prometheusUrl}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`emulator: ${signal} received, stopping`);
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
