import { createPrivateKey, X509Certificate } from 'node:crypto';

export interface ClientCertificate {
  cert: Buffer;
  key: Buffer;
  passphrase?: string;
}

/**
 * Checks DBMind's client certificate once, at start-up, so a wrong passphrase or a key that does not
 * belong to the certificate stops the BFF with a clear sentence instead of failing every chat later.
 */
export function checkClientCertificate(material: ClientCertificate, now = new Date()): void {
  let key;
  try {
    key = createPrivateKey({ key: material.key, passphrase: material.passphrase ?? '' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(
      code === 'ERR_OSSL_BAD_DECRYPT' || code.includes('DECRYPT') || /passphrase|decrypt/i.test(String(error))
        ? 'DBMIND_CLIENT_KEY_PASSPHRASE_FILE: does not decrypt DBMIND_CLIENT_KEY'
        : 'DBMIND_CLIENT_KEY: is not a readable private key',
      { cause: error },
    );
  }
  let certificate;
  try {
    certificate = new X509Certificate(material.cert);
  } catch {
    throw new Error('DBMIND_CLIENT_CERT: is not a PEM certificate');
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new Error('DBMIND_CLIENT_KEY: does not belong to DBMIND_CLIENT_CERT');
  }
  if (new Date(certificate.validTo) <= now) {
    throw new Error(`DBMIND_CLIENT_CERT: expired on ${certificate.validTo}`);
  }
  if (new Date(certificate.validFrom) > now) {
    throw new Error(`DBMIND_CLIENT_CERT: not valid before ${certificate.validFrom}`);
  }
}
