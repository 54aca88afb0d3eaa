import type { Redis } from 'ioredis';
import type { AuditEntry, AuditLog } from './audit-log.ts';

/** The list every console process appends to; a log shipper takes entries from its head. */
export const auditListKey = 'dws-console:audit';
/** Past this many entries nobody has shipped, the oldest go: Redis must not fill up with an unread log. */
export const auditListLimit = 1_000_000;

/**
 * The console's audit log in the shared store: one list for every process, in the order Redis received the
 * entries. An entry Redis cannot take (Redis down, too slow) goes to `fallback`, the process's own file, so a
 * log-in during an outage is still on record somewhere an operator can ship from.
 */
export function redisAuditLog(redis: Redis, fallback: AuditLog): AuditLog {
  let pending = new Set<Promise<unknown>>();
  return {
    record(entry: AuditEntry) {
      const written = redis
        .multi()
        .rpush(auditListKey, JSON.stringify(entry))
        .ltrim(auditListKey, -auditListLimit, -1)
        .exec()
        .then((results) => {
          if (!results || results.some(([error]) => error)) fallback.record(entry);
        })
        .catch(() => fallback.record(entry))
        .finally(() => pending.delete(written));
      pending.add(written);
    },
    async close() {
      await Promise.all(pending);
      pending = new Set();
      await fallback.close();
    },
  };
}
