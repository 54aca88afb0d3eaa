import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '@dws-console/emulator';
import { loadConfig } from './config.ts';

const endpoints = {
  IAM_ENDPOINT: 'https://iam.example.test',
  DWS_ENDPOINT: 'https://dws.example.test',
  DBMIND_ENDPOINT: 'https://dbmind.example.test',
};

describe('the console configuration', () => {
  let dataDir: string;
  let emptyDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dws-config-'));
    emptyDir = await mkdtemp(path.join(tmpdir(), 'dws-config-empty-'));
    await ensurePki(path.join(dataDir, 'pki'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('runs on Node 24 or newer, as every process of the console does', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('finds the certificates and the DBMind client key passphrase under DATA_DIR/pki by default', () => {
    const config = loadConfig({ ...endpoints, DATA_DIR: dataDir });
    const pki = path.join(dataDir, 'pki');
    expect(config).toMatchObject({
      TLS_CERT: path.join(pki, 'server.crt'),
      TLS_KEY: path.join(pki, 'server.key'),
      DBMIND_CLIENT_CERT: path.join(pki, 'client.crt'),
      DBMIND_CLIENT_KEY: path.join(pki, 'client.key'),
      AUDIT_LOG: path.join(dataDir, 'logs', 'audit.log'),
    });
    expect(config.DBMIND_CLIENT_KEY_PASSPHRASE).toMatch(/^\S{16,}$/);
    expect(path.join(config.WEB_DIST, '..', 'package.json')).toContain(path.join('web', 'package.json'));
  });

  it('takes each file from its variable', () => {
    const pki = path.join(dataDir, 'pki');
    const config = loadConfig({
      ...endpoints,
      DATA_DIR: emptyDir,
      TLS_CERT: path.join(pki, 'server.crt'),
      TLS_KEY: path.join(pki, 'server.key'),
      DBMIND_CLIENT_CERT: path.join(pki, 'client.crt'),
      DBMIND_CLIENT_KEY: path.join(pki, 'client.key'),
      DBMIND_CLIENT_KEY_PASSPHRASE_FILE: path.join(pki, 'client.pass'),
    });
    expect(config.TLS_CERT).toBe(path.join(pki, 'server.crt'));
    expect(config.DBMIND_CLIENT_KEY_PASSPHRASE).not.toBe('');
  });

  it('names every file it cannot read and the variable that moves it', () => {
    const missing = path.join(emptyDir, 'pki');
    expect(() =>
      loadConfig({ ...endpoints, DATA_DIR: emptyDir, TLS_CERT: '/nonexistent/console.crt' }),
    ).toThrow(
      [
        'invalid configuration:',
        '  TLS_CERT: /nonexistent/console.crt is not a readable file',
        `  TLS_KEY: ${path.join(missing, 'server.key')} is not a readable file (the default under DATA_DIR/pki)`,
        `  DBMIND_CLIENT_CERT: ${path.join(missing, 'client.crt')} is not a readable file (the default under DATA_DIR/pki)`,
        `  DBMIND_CLIENT_KEY: ${path.join(missing, 'client.key')} is not a readable file (the default under DATA_DIR/pki)`,
        `  DBMIND_CLIENT_KEY_PASSPHRASE_FILE: ${path.join(missing, 'client.pass')} is not a readable file (the default under DATA_DIR/pki)`,
      ].join('\n'),
    );
  });
});
