import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

export interface AuditEntry {
  time: string;
  requestId: string;
  user: string;
  project: string;
  action: string;
  resource?: string;
  status: number;
  /** The client's address: the connection's, or what a trusted proxy reported (`TRUSTED_PROXIES`). */
  address: string;
  /** As the browser sent it, bounded and without control characters. */
  userAgent: string;
  /** `unknown`: the browser went away before the answer, which may have happened upstream anyway. */
  result: 'succeeded' | 'failed' | 'unknown';
}

export interface AuditLog {
  record(entry: AuditEntry): void;
  close(): Promise<void>;
}

/**
 * One JSON line per state-changing action, appended to a file (never a body, so never a password). A request
 * that ends while the process shuts down, after `close`, is still on record: it is appended directly.
 */
export function fileAuditLog(file: string): AuditLog {
  mkdirSync(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  let closed = false;
  return {
    record: (entry) => {
      const line = `${JSON.stringify(entry)}\n`;
      if (closed) appendFileSync(file, line, { mode: 0o600 });
      else stream.write(line);
    },
    close: () => {
      closed = true;
      return new Promise((resolve) => stream.end(resolve));
    },
  };
}

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records who did what to which resource and how it ended. Routers describe the action in
 * `res.locals.route` / `res.locals.resource`; the log-in route names the user trying in `res.locals.auditUser`.
 */
export function auditTrail(log: AuditLog): RequestHandler {
  return (req, res, next) => {
    if (!changing.has(req.method)) return next();
    // Read now: routers rewrite `req.url` on the way down. Bounded, as the browser chooses it.
    const rawPath = (req.originalUrl.split('?')[0] ?? '').slice(0, 200);
    res.once('close', () => {
      const session = res.locals.session as
        { user: { name: string }; domain: { name: string }; project: { name: string } } | undefined;
      const user = session
        ? `${session.domain.name}/${session.user.name}`
        : String(res.locals.auditUser ?? 'anonymous');
      log.record({
        time: new Date().toISOString(),
        requestId: String(res.locals.requestId ?? ''),
        user,
        project: session?.project.name ?? String(res.locals.auditProject ?? ''),
        action: `${req.method} ${typeof res.locals.route === 'string' ? res.locals.route : rawPath}`,
        ...(typeof res.locals.resource === 'string' ? { resource: res.locals.resource } : {}),
        status: res.statusCode,
        address: req.ip ?? '',
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the log
        userAgent: (req.header('User-Agent') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200),
        result: !res.writableFinished ? 'unknown' : res.statusCode < 400 ? 'succeeded' : 'failed',
      });
    });
    next();
  };
}
