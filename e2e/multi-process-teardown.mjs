// Runs while `npm start -- --processes 3` still does (Playwright stops its web server after the global teardown).
import { keepRedisAuditList } from '../scripts/scan-secrets.mjs';
import { multiRedisPort } from './ports.ts';

export default function keepAuditEntries() {
  keepRedisAuditList(`redis://127.0.0.1:${multiRedisPort}`);
}
