import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
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

  it("reads the metrics scraper's token from its file, refusing one that is short or missing", async () => {
    const tokenFile = path.join(dataDir, 'metrics.token');
    await writeFile(tokenFile, `${'t'.repeat(40)}\n`, { mode: 0o600 });
    expect(loadConfig({ ...endpoints, DATA_DIR: dataDir, METRICS_TOKEN_FILE: tokenFile })).toMatchObject({
      METRICS_TOKEN: 't'.repeat(40),
    });
    expect(loadConfig({ ...endpoints, DATA_DIR: dataDir })).not.toHaveProperty('METRICS_TOKEN');
    await writeFile(tokenFile, 'short');
    for (const file of [tokenFile, path.join(emptyDir, 'none')]) {
      expect(() => loadConfig({ ...endpoints, DATA_DIR: dataDir, METRICS_TOKEN_FILE: file })).toThrow(
        `METRICS_TOKEN_FILE: ${file} must be a readable file holding one token of at least 32 characters`,
      );
    }
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

  describe('TRUSTED_PROXIES', () => {
    const load = (value: string) => loadConfig({ ...endpoints, DATA_DIR: dataDir, TRUSTED_PROXIES: value });
    /** Whether Express, given the parsed list as the BFF gives it (app.ts), believes a proxy at `address`. */
    const trusts = (proxies: string[] | undefined, address: string) => {
      const app = express().set('trust proxy', proxies ?? false);
      return (app.get('trust proxy fn') as (address: string, hop: number) => boolean)(address, 0);
    };

    it('is off when unset or blank', () => {
      expect(loadConfig({ ...endpoints, DATA_DIR: dataDir }).TRUSTED_PROXIES).toBeUndefined();
      expect(load('').TRUSTED_PROXIES).toBeUndefined();
      expect(load('   ').TRUSTED_PROXIES).toBeUndefined();
    });

    it.each([
      ['one address', '192.0.2.7', ['192.0.2.7'], '192.0.2.7', '192.0.2.8'],
      [
        'a list, spaces around entries',
        ' 192.0.2.7 , 10.0.0.0/8 ',
        ['192.0.2.7', '10.0.0.0/8'],
        '10.1.2.3',
        '11.0.0.1',
      ],
      ['an IPv4 CIDR', '10.0.0.0/8', ['10.0.0.0/8'], '10.255.0.1', '192.0.2.7'],
      ['an IPv6 address', '::1', ['::1'], '::1', '::2'],
      ['an IPv6 CIDR', '2001:db8::/32', ['2001:db8::/32'], '2001:db8::5', '2001:db9::5'],
    ])('takes %s as the list Express trusts', (_name, value, list, trusted, untrusted) => {
      const proxies = load(value).TRUSTED_PROXIES;
      expect(proxies).toEqual(list);
      expect(trusts(proxies, trusted)).toBe(true);
      expect(trusts(proxies, untrusted)).toBe(false);
    });

    const notAnAddress =
      'is not an IP address or CIDR: must be a comma-separated list of IP addresses or CIDRs';
    it.each([
      ['256.1.1.1', `"256.1.1.1" ${notAnAddress}`],
      ['10.0.0.0/33', `"10.0.0.0/33" ${notAnAddress}`],
      ['10.0.0.1/', `"10.0.0.1/" ${notAnAddress}`],
      ['10.0.0.1 10.0.0.2', `"10.0.0.1 10.0.0.2" ${notAnAddress}`],
      ['192.0.2.7,proxy.example.test', `"proxy.example.test" ${notAnAddress}`],
      ['loopback', `"loopback" ${notAnAddress}`],
      ['*', `"*" ${notAnAddress}`],
      ['192.0.2.7,', 'has an empty entry (a stray comma): must be a comma-separated list'],
      ['192.0.2.7,,10.0.0.1', 'has an empty entry (a stray comma)'],
      [
        '0.0.0.0/0',
        '"0.0.0.0/0" trusts every address, so any client could choose the address the console sees',
      ],
      ['::/0', '"::/0" trusts every address'],
      ['10.0.0.1,1.2.3.4/0', '"1.2.3.4/0" trusts every address'],
    ])('refuses %j, naming the variable and the rule', (value, message) => {
      let error: unknown;
      try {
        load(value);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TypeError);
      // One line for the one wrong value, under the variable's name.
      expect((error as Error).message.split('\n')).toEqual([
        'invalid configuration:',
        expect.stringMatching(/^ {2}TRUSTED_PROXIES: /),
      ]);
      expect((error as Error).message).toContain(`\n  TRUSTED_PROXIES: ${message}`);
    });
  });

  it('takes single sign-on as a whole, naming each missing variable, the provider’s address and the secret file', async () => {
    const secretFile = path.join(dataDir, 'oidc-client.secret');
    await writeFile(secretFile, `${'s'.repeat(40)}\n`, { mode: 0o600 });
    const sso = {
      OIDC_ISSUER: 'https://idp.example.test/realms/corp',
      OIDC_CLIENT_ID: 'dws-console',
      OIDC_CLIENT_SECRET_FILE: secretFile,
      OIDC_IAM_IDP_ID: 'corp-idp',
      CONSOLE_URL: 'https://console.example.test',
    };
    expect(loadConfig({ ...endpoints, DATA_DIR: dataDir, ...sso }).SSO).toEqual({
      issuer: sso.OIDC_ISSUER,
      clientId: 'dws-console',
      clientSecret: 's'.repeat(40),
      iamIdpId: 'corp-idp',
      consoleUrl: sso.CONSOLE_URL,
      name: 'single sign-on',
    });
    expect(loadConfig({ ...endpoints, DATA_DIR: dataDir })).not.toHaveProperty('SSO');

    const only = () => loadConfig({ ...endpoints, DATA_DIR: dataDir, OIDC_ISSUER: sso.OIDC_ISSUER });
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET_FILE', 'OIDC_IAM_IDP_ID', 'CONSOLE_URL']) {
      expect(only).toThrow(`${name}: is required for single sign-on (OIDC_ISSUER set)`);
    }
    expect(() =>
      loadConfig({ ...endpoints, DATA_DIR: dataDir, ...sso, OIDC_ISSUER: 'http://idp.example.test' }),
    ).toThrow('OIDC_ISSUER: must use https://');
    expect(
      loadConfig({ ...endpoints, DATA_DIR: dataDir, ...sso, OIDC_ISSUER: 'http://127.0.0.1:9445' }).SSO,
    ).toMatchObject({ issuer: 'http://127.0.0.1:9445' });
    const missing = path.join(emptyDir, 'none');
    expect(() =>
      loadConfig({ ...endpoints, DATA_DIR: dataDir, ...sso, OIDC_CLIENT_SECRET_FILE: missing }),
    ).toThrow(`OIDC_CLIENT_SECRET_FILE: ${missing} must be a readable file`);
    expect(() =>
      loadConfig({ ...endpoints, DATA_DIR: dataDir, ...sso, OIDC_IAM_IDP_ID: 'corp idp' }),
    ).toThrow('OIDC_IAM_IDP_ID: must be IAM’s identity provider id');
  });

  it('turns the password form off only when people can sign in another way', () => {
    expect(() => loadConfig({ ...endpoints, DATA_DIR: dataDir, PASSWORD_LOGIN: 'off' })).toThrow(
      'PASSWORD_LOGIN: may be off only when single sign-on is configured',
    );
    expect(() => loadConfig({ ...endpoints, DATA_DIR: dataDir, PASSWORD_LOGIN: 'no' })).toThrow(
      'PASSWORD_LOGIN: must be on or off',
    );
    expect(loadConfig({ ...endpoints, DATA_DIR: dataDir }).PASSWORD_LOGIN).toBe('on');
  });
});
