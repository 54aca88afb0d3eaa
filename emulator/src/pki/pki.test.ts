import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensurePki } from './pki.ts';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

it('creates a CA, a server certificate and an encrypted client key, keeping only the PKI folder private', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'pki-'));
  roots.push(root);
  const dataDir = path.join(root, 'data');
  const { files, created } = await ensurePki(path.join(dataDir, 'pki'));
  expect(created).toBe(true);

  // DATA_DIR stays traversable for PostgreSQL, which runs as its own user.
  expect((await stat(dataDir)).mode & 0o001).toBe(0o001);
  expect((await stat(path.join(dataDir, 'pki'))).mode & 0o077).toBe(0);

  const ca = new X509Certificate(await readFile(files.ca));
  const server = new X509Certificate(await readFile(files.serverCert));
  expect(server.verify(ca.publicKey)).toBe(true);
  expect(server.checkHost('localhost')).toBe('localhost');
  expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(server.fingerprint256).toMatch(/^[0-9A-F:]+$/);

  const clientKey = await readFile(files.clientKey, 'utf8');
  expect(clientKey).toContain('ENCRYPTED PRIVATE KEY');
  const passphrase = (await readFile(files.clientPass, 'utf8')).trim();
  const key = createPrivateKey({ key: clientKey, passphrase });
  expect(new X509Certificate(await readFile(files.clientCert)).checkPrivateKey(key)).toBe(true);
  expect(() => createPrivateKey({ key: clientKey, passphrase: 'wrong' })).toThrow();

  expect((await ensurePki(path.join(dataDir, 'pki'))).created).toBe(false);
});
