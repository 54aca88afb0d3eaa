import { createPrivateKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
// @peculiar/x509 2 builds its parsers with tsyringe, which needs the Reflect metadata API before it loads.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** The files of the development PKI, all under one folder (`.data/pki` by default). */
export interface PkiFiles {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  clientPass: string;
}

export function pkiFiles(dir: string): PkiFiles {
  return {
    ca: path.join(dir, 'ca.crt'),
    serverCert: path.join(dir, 'server.crt'),
    serverKey: path.join(dir, 'server.key'),
    clientCert: path.join(dir, 'client.crt'),
    clientKey: path.join(dir, 'client.key'),
    clientPass: path.join(dir, 'client.pass'),
  };
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const validDays = 825;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function toKeyObject(key: CryptoKey): Promise<KeyObject> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function serial(): string {
  // Positive, non-zero 16-byte serial as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function validity(): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Date.now() - 60_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + validDays * 86_400_000) };
}

async function issue(options: {
  ca: { cert: x509.X509Certificate; keys: CryptoKeyPair };
  subject: string;
  usage: 'server' | 'client';
}): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: options.subject,
    issuer: options.ca.cert.subject,
    ...validity(),
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey,
    signingKey: options.ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        options.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(options.ca.keys.publicKey),
    ],
  });
  return { cert, keys };
}

/**
 * Creates the development PKI on first run: a CA, a server certificate for localhost and 127.0.0.1,
 * and a client certificate whose key is encrypted with the passphrase in `client.pass`.
 * Existing files are kept, so browsers that trust the CA keep trusting it.
 */
export async function ensurePki(dir: string): Promise<{ files: PkiFiles; created: boolean }> {
  const files = pkiFiles(dir);
  const present = await Promise.all(Object.values(files).map(exists));
  if (present.every(Boolean)) return { files, created: false };

  // Only the PKI folder is private: a recursive mkdir would make DATA_DIR private too, and PostgreSQL
  // (running as its own user) must traverse DATA_DIR to reach the clusters' data.
  await mkdir(path.dirname(dir), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const caKeys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=DWS Console Development CA, O=DWS Console',
    ...validity(),
    signingAlgorithm: algorithm,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const ca = { cert: caCert, keys: caKeys };
  const server = await issue({ ca, subject: 'CN=localhost, O=DWS Console', usage: 'server' });
  const client = await issue({ ca, subject: 'CN=dws-console-bff, O=DWS Console', usage: 'client' });
  const passphrase = randomBytes(24).toString('base64url');

  const serverKey = (await toKeyObject(server.keys.privateKey)).export({ type: 'pkcs8', format: 'pem' });
  const clientKey = (await toKeyObject(client.keys.privateKey)).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase,
  });

  await writeFile(files.ca, caCert.toString('pem') + '\n');
  await writeFile(files.serverCert, server.cert.toString('pem') + '\n');
  await writeFile(files.clientCert, client.cert.toString('pem') + '\n');
  await writeFile(files.serverKey, serverKey, { mode: 0o600 });
  await writeFile(files.clientKey, clientKey, { mode: 0o600 });
  await writeFile(files.clientPass, passphrase + '\n', { mode: 0o600 });
  await chmod(dir, 0o700);
  return { files, created: true };
}

export async function readPassphrase(file: string): Promise<string> {
  return (await readFile(file, 'utf8')).trim();
}
