export { loadEmulatorConfig, type EmulatorConfig } from './config.ts';
export { startEmulator, type RunningEmulator } from './emulator.ts';
export { ensurePki, pkiFiles, type PkiFiles } from './pki/pki.ts';
