export { loadEmulatorConfig, type EmulatorConfig } from './config.ts';
export type { ManagedCluster, ManagedClusterDirectory } from './dws/cluster-service.ts';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator.ts';
export { demoMfaUser, wrongCode, type MfaUser } from './iam/demo-mfa-user.ts';
export { ensurePki, pkiFiles, type PkiFiles } from './pki/pki.ts';
export { startDevIdp, type DevIdpOptions, type RunningDevIdp } from './idp/dev-idp.ts';
export { loadPeople, type DevIdpPerson } from './idp/people.ts';
