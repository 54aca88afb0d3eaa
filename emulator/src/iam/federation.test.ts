import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmulatorConfig } from '../config.ts';
import { startEmulator, type RunningEmulator } from '../emulator.ts';
import { loadDirectory } from './directory.ts';

const issuer = 'https://idp.example.test/realms/corp';
const audience = 'dws-console';
const projects = { one: '89cd04f168b84af6be287f71730fdb4b', two: '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e' };

let dataDir: string;
let emulator: RunningEmulator;
let dispatcher: Agent;
let jwks: Server;
let providerKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'emulator-federation-'));
  const provider = await generateKeyPair('RS256');
  providerKey = provider.privateKey;
  const { publicKey } = provider;
  ({ privateKey: strangerKey } = await generateKeyPair('RS256'));
  const published = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  jwks = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));

  const config = loadEmulatorConfig({ DATA_DIR: dataDir, EMULATOR_PORT: '0', EMULATOR_DBMIND_PORT: '0' });
  const iam = JSON.parse(await readFile(config.EMULATOR_IAM_CONFIG, 'utf8')) as {
    domains: Record<string, unknown>[];
  };
  iam.domains[0] = {
    ...iam.domains[0],
    groups: [
      { name: 'dws-admins', roles: { 'ae-ad-1': ['DWS Administrator'], 'ae-ad-2': ['DWS ReadOnlyAccess'] } },
      {
        name: 'dws-readers',
        roles: { 'ae-ad-1': ['DWS ReadOnlyAccess'], 'ae-ad-2': ['DWS ReadOnlyAccess'] },
      },
    ],
    identity_providers: [
      {
        id: 'corp-idp',
        issuer,
        client_id: audience,
        jwks_uri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
        mapping: [
          { claim: 'groups', value: 'console-admins', groups: ['dws-admins'] },
          { claim: 'groups', value: 'console-readers', groups: ['dws-readers'] },
        ],
      },
    ],
  };
  const file = path.join(dataDir, 'iam.json');
  await writeFile(file, JSON.stringify(iam));
  emulator = await startEmulator({ ...config, EMULATOR_IAM_CONFIG: file });
  dispatcher = new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } });
});

afterAll(async () => {
  await emulator?.close();
  await dispatcher?.close();
  await new Promise((resolve) => jwks?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

function idToken(
  claims: JWTPayload,
  options: { key?: CryptoKey; expiresIn?: string | number; issuer?: string; audience?: string } = {},
) {
  return new SignJWT({ preferred_username: 'alice', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setSubject('alice-0001')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? providerKey);
}

async function exchange(token: string, scope?: Record<string, string>, idp = 'corp-idp') {
  const response = await fetch(`${emulator.cloudUrl}/v3.0/OS-AUTH/id-token/tokens?nocatalog=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Idp-Id': idp },
    body: JSON.stringify({
      auth: { id_token: { id: token }, ...(scope ? { scope: { project: scope } } : {}) },
    }),
    dispatcher,
  });
  const body = (await response.json()) as {
    token?: {
      methods: string[];
      project: { name: string };
      roles: { name: string }[];
      user: {
        name: string;
        'OS-FEDERATION'?: { identity_provider: { id: string }; groups: { name: string }[] };
      };
    };
    error?: { code: number; message: string };
  };
  return { status: response.status, token: response.headers.get('X-Subject-Token'), body };
}

async function createSnapshotStatus(token: string, projectId: string): Promise<number> {
  const response = await fetch(`${emulator.cloudUrl}/v1.0/${projectId}/snapshots`, {
    method: 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      snapshot: { name: 'snap-1', cluster_id: '00000000-0000-4000-8000-000000000000' },
    }),
    dispatcher,
  });
  await response.body?.cancel();
  return response.status;
}

describe('federated tokens for OpenID Connect ID tokens (POST /v3.0/OS-AUTH/id-token/tokens)', () => {
  it('gives a mapped person a federated token with their groups’ roles in each project', async () => {
    const admin = await exchange(await idToken({ groups: ['console-admins'] }), { name: 'ae-ad-1' });
    expect(admin.status).toBe(201);
    expect(admin.token).toMatch(/^MII/);
    expect(admin.body.token?.methods).toEqual(['mapped']);
    expect(admin.body.token?.user.name).toBe('alice');
    expect(admin.body.token?.user['OS-FEDERATION']).toMatchObject({
      identity_provider: { id: 'corp-idp' },
      groups: [{ name: 'dws-admins' }],
    });
    expect(admin.body.token?.roles.map((r) => r.name)).toEqual(['DWS Administrator']);
    // Allowed past the rights check (the cluster does not exist), where a read-only role is refused.
    expect(await createSnapshotStatus(admin.token ?? '', projects.one)).not.toBe(403);

    const inTwo = await exchange(await idToken({ groups: ['console-admins'] }), { name: 'ae-ad-2' });
    expect(inTwo.body.token?.roles.map((r) => r.name)).toEqual(['DWS ReadOnlyAccess']);
    expect(await createSnapshotStatus(inTwo.token ?? '', projects.two)).toBe(403);

    const reader = await exchange(await idToken({ groups: ['console-readers'] }));
    expect(reader.status).toBe(201);
    expect(reader.body.token?.project.name).toBe('ae-ad-1');
    expect(await createSnapshotStatus(reader.token ?? '', projects.one)).toBe(403);
  });

  it('keeps a federated user federated when the token is exchanged for another project', async () => {
    const first = await exchange(await idToken({ groups: ['console-admins'] }), { name: 'ae-ad-1' });
    const response = await fetch(`${emulator.cloudUrl}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['token'], token: { id: first.token } },
          scope: { project: { name: 'ae-ad-2' } },
        },
      }),
      dispatcher,
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      token: { roles: { name: string }[]; user: Record<string, unknown> };
    };
    expect(body.token.roles.map((r) => r.name)).toEqual(['DWS ReadOnlyAccess']);
    expect(body.token.user['OS-FEDERATION']).toBeDefined();
  });

  it('refuses, in IAM’s error shape and with no token, every ID token it must not trust', async () => {
    const admins = { groups: ['console-admins'] };
    const good = await idToken(admins);
    const [header, payload] = good.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        groups: ['console-admins', 'x'],
      }),
    ).toString('base64url');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'k1' })).toString('base64url')}.${payload}.`;
    const cases: [string, string, number, RegExp][] = [
      ['wrong audience', await idToken(admins, { audience: 'another-app' }), 401, /aud claim/],
      ['wrong issuer', await idToken(admins, { issuer: 'https://evil.example.test' }), 401, /iss claim/],
      ['expired', await idToken(admins, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), 401, /expired/],
      ['tampered', `${header}.${forged}.${good.split('.')[2]}`, 401, /signature/],
      ['alg none', unsigned, 401, /invalid/],
      ['signed by another key', await idToken(admins, { key: strangerKey }), 401, /signature/],
      ['mapped to no group', await idToken({ groups: ['sales'] }), 401, /no user group/],
    ];
    for (const [what, token, status, message] of cases) {
      const refused = await exchange(token, { name: 'ae-ad-1' });
      expect({ what, status: refused.status, token: refused.token }).toEqual({ what, status, token: null });
      expect(refused.body.error?.message, what).toMatch(message);
    }
    const unknownIdp = await exchange(good, { name: 'ae-ad-1' }, 'no-such-idp');
    expect(unknownIdp).toMatchObject({ status: 404, token: null });
  });
});

describe('the identity providers’ configuration', () => {
  it('is refused at start when a mapping rule names a group the domain does not have', async () => {
    const iam = JSON.parse(await readFile(path.join(dataDir, 'iam.json'), 'utf8')) as {
      domains: { identity_providers: { mapping: { groups: string[] }[] }[] }[];
    };
    iam.domains[0]!.identity_providers[0]!.mapping[1]!.groups = ['dws-auditors'];
    const file = path.join(dataDir, 'iam-broken.json');
    await writeFile(file, JSON.stringify(iam));
    await expect(loadDirectory(file)).rejects.toThrow(
      /domains\.0\.identity_providers\.0\.mapping\.1\.groups\.0: names no group of the domain \("dws-auditors"\)/,
    );
  });
});
