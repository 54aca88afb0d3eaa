import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Session records at rest are sealed with a key only the browser's cookie can rebuild: AES-256-GCM under
 * HKDF-SHA256 of the session id (docs/decisions/013-session-records-are-sealed-with-the-cookie.md). A dump of
 * the store alone opens nothing; the server holds no key that could open every record at once.
 */
const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

function keyFor(sessionId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionId, 'dws-console', 'session record v1', 32));
}

/** `aad` binds the record to where it is stored, so a record copied under another key does not open. */
export function seal(sessionId: string, plaintext: string, aad: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFor(sessionId), iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plaintext, or `undefined` for a record that is not sealed with this id (tampered, moved, another version). */
export function open(sessionId: string, sealed: string, aad: string): string | undefined {
  if (!sealed.startsWith(`${version}.`)) return undefined;
  const raw = Buffer.from(sealed.slice(version.length + 1), 'base64url');
  if (raw.length < ivBytes + tagBytes) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(sessionId), raw.subarray(0, ivBytes))
      .setAAD(Buffer.from(aad))
      .setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
