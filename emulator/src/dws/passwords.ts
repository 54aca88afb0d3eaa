import { createHash, randomBytes } from 'node:crypto';
import type { ClusterRecord } from './state-store.ts';

/** Earlier administrator passwords are kept only as salted hashes: enough to refuse a reuse. */
export function hashPassword(password: string, salt = randomBytes(8).toString('hex')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}

export function matchesHash(hash: string, password: string): boolean {
  const [salt] = hash.split('$');
  return salt !== undefined && hashPassword(password, salt) === hash;
}

export function isPasswordUsedBefore(record: ClusterRecord, password: string): boolean {
  const { local } = record;
  return password === local.adminPassword || local.passwordHistory.some((h) => matchesHash(h, password));
}

/** Makes `password` the administrator's, remembering the old one, and ends the reset that set it. */
export function adoptPassword(record: ClusterRecord, password: string): void {
  const { local } = record;
  if (local.adminPassword !== password) local.passwordHistory.push(hashPassword(local.adminPassword));
  local.adminPassword = password;
  local.operation = null;
}
