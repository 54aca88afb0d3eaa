import type { Agent } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { bffErrorCodes, consoleUserAgent, dwsValidationFailure } from '@dws-console/shared';
import type { Sessions } from '../auth/sessions.ts';
import { sessionOf } from '../auth/sessions.ts';
import { HttpError, sendError } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { failureCode, upstreamFailure } from '../http/upstream-trust.ts';
import type { Logger } from '../logging/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { matchDwsRoute } from './routes.ts';

/**
 * Request headers a browser may pass to DWS. Cookie, Authorization, X-Auth-Token, X-Forwarded-* and
 * hop-by-hop headers never pass; the BFF sets X-Auth-Token and X-Request-Id itself.
 */
const forwardedRequestHeaders = new Set(['accept', 'accept-language', 'content-type', 'content-length']);
/** Response headers the browser gets back. Set-Cookie and hop-by-hop headers stay behind. */
const returnedResponseHeaders = new Set(['content-type', 'content-length', 'x-request-id', 'retry-after']);

/** The calls after which the project's list of clusters is not what it was. */
const clusterListWrites = new Set(['POST /clusters', 'DELETE /clusters/:id', 'POST /snapshots/:id/actions']);

interface ProxiedRequest extends IncomingMessage {
  dwsTarget?: string;
  /** The project whose cluster list the call may change, when it is one of `clusterListWrites`. */
  changesClustersOf?: string;
  dwsToken?: string;
  timedOut?: boolean;
  /** The validated body, as JSON: what DWS receives instead of the browser's bytes. */
  dwsBody?: string;
}

/** A 401 from DWS ends the session only when it says the token is bad; DWS.0047 means "cluster not found". */
function isTokenRejection(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; errCode?: unknown };
    return parsed.error_code !== 'DWS.0047' && parsed.errCode !== 'DWS.0047';
  } catch {
    return true;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The first field of `input` the schema dropped from `output` (zod strips what it does not know), as a dotted
 * path; the request schemas are shared with the emulator, which, like DWS, ignores such fields, whereas the
 * console refuses them so nothing unvalidated is ever meant to reach DWS.
 */
function unknownField(input: unknown, output: unknown, at = ''): string | undefined {
  if (!isRecord(input) || !isRecord(output)) return undefined;
  for (const [key, value] of Object.entries(input)) {
    const path = at ? `${at}.${key}` : key;
    if (!(key in output)) return path;
    const inner = unknownField(value, output[key], path);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

export function createDwsProxyRouter(deps: {
  endpoint: string;
  agent: Agent;
  timeoutMs: number;
  sessions: Sessions;
  logger: Logger;
  metrics: Metrics;
  /** Told once DWS has answered a call that may have added or removed one of the project's clusters. */
  onClustersChanged?: (projectId: string) => void;
}): Router {
  const router = Router();
  const parseBody = jsonBody('64kb');
  const countFailure = (kind: string) =>
    deps.metrics.count('bff_upstream_errors_total', 'Upstream calls that failed or timed out.', {
      upstream: 'dws',
      kind,
    });

  // selfHandleResponse: the proxy copies only allow-listed headers and reads the body of a 401 before
  // deciding what the browser sees (what http-proxy-middleware 4 changed here: docs/decisions/003-versions.md).
  const proxy = createProxyMiddleware<Request, Response>({
    target: deps.endpoint,
    changeOrigin: true,
    agent: deps.agent,
    secure: true,
    proxyTimeout: deps.timeoutMs,
    selfHandleResponse: true,
    pathRewrite: (_path, req) => (req as ProxiedRequest).dwsTarget ?? '/',
    on: {
      proxyReq: (proxyReq, req, res) => {
        for (const name of proxyReq.getHeaderNames()) {
          // `host` is the upstream's own (changeOrigin), not the browser's.
          if (name !== 'host' && !forwardedRequestHeaders.has(name)) proxyReq.removeHeader(name);
        }
        proxyReq.setHeader('X-Auth-Token', (req as ProxiedRequest).dwsToken ?? '');
        // Cloud Trace Service tells the console's operations (ConsoleAction) from the API's by it.
        proxyReq.setHeader('User-Agent', consoleUserAgent);
        // The upstream hears the console's id, so one id can follow a call through both sides' logs.
        proxyReq.setHeader('X-Request-Id', String(res.locals.requestId));
        proxyReq.on('timeout', () => {
          (req as ProxiedRequest).timedOut = true;
        });
        // The browser's body was read and validated before; the proxy sends what was validated, and
        // ends the request when the browser's (already read) stream ends.
        const body = (req as ProxiedRequest).dwsBody;
        if (body !== undefined) {
          proxyReq.setHeader('Content-Type', 'application/json');
          proxyReq.setHeader('Content-Length', Buffer.byteLength(body));
          proxyReq.write(body);
        }
      },
      proxyRes: (proxyRes, req, res) => {
        const status = proxyRes.statusCode ?? 502;
        const changed = (req as ProxiedRequest).changesClustersOf;
        if (changed !== undefined) deps.onClustersChanged?.(changed);
        const upstreamId = proxyRes.headers['x-request-id'];
        if (typeof upstreamId === 'string' && upstreamId !== res.locals.requestId) {
          res.locals.upstreamRequestId = upstreamId;
        }
        // DWS's answer broke off (DWS closed the connection, or it was too slow): httpxy breaks off the
        // browser's answer too, even a 401 still being read, so nothing half-sent looks complete. The
        // browser leaving destroys DWS's answer without an error and is not counted.
        proxyRes.on('error', () => {
          const timedOut = (req as ProxiedRequest).timedOut === true;
          countFailure(timedOut ? 'timeout' : 'aborted');
          deps.logger.warn(
            { requestId: res.locals.requestId, status },
            'DWS stopped answering half-way; breaking off the answer',
          );
        });
        for (const name of returnedResponseHeaders) {
          const value = proxyRes.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        if (status !== 401) {
          res.status(status);
          proxyRes.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        proxyRes.on('data', (chunk: Buffer) => chunks.push(chunk));
        proxyRes.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (!isTokenRejection(body)) {
            res.status(401).end(body);
            return;
          }
          deps.logger.info(
            { requestId: res.locals.requestId },
            'DWS refused the session’s token; ending the session',
          );
          // Even when the store cannot be told, the browser learns that this session is over.
          const ended = deps.sessions.end(req, res).catch(() => undefined);
          void ended.then(() => {
            res.removeHeader('content-length');
            sendError(res, 401, bffErrorCodes.sessionExpired, 'The session has expired. Log in again.');
          });
        });
      },
      error: (error, req, res) => {
        // DWS's answer broke off after it began: counted above, and the browser's answer is broken off.
        if (!('headersSent' in res) || res.destroyed) {
          res.destroy();
          return;
        }
        const failure = upstreamFailure('DWS', error, (req as ProxiedRequest).timedOut === true);
        countFailure(failure.kind);
        deps.logger.warn(
          { requestId: res.locals.requestId, err: failureCode(error) ?? error.message, kind: failure.kind },
          'DWS upstream error',
        );
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendError(res, failure.status, failure.code, failure.message);
      },
    },
  });

  router.use(
    deps.sessions.require,
    (req, res, next) => {
      const rawPath = (req.originalUrl.split('?')[0] ?? '').slice(req.baseUrl.length);
      const match = matchDwsRoute(req.method, rawPath);
      if (!match)
        return next(
          new HttpError(404, bffErrorCodes.notFound, `No DWS operation at ${req.method} ${rawPath}.`),
        );
      res.locals.route = `/api/dws${match.route.path}`;
      if (match.id) res.locals.resource = match.id;
      deps.metrics.count('bff_upstream_requests_total', 'Requests sent to an upstream.', { upstream: 'dws' });
      const proxied = req as unknown as ProxiedRequest;
      proxied.dwsTarget = match.route.target(sessionOf(res).project.id, match.id);
      proxied.dwsToken = sessionOf(res).token;
      if (clusterListWrites.has(`${match.route.method} ${match.route.path}`)) {
        proxied.changesClustersOf = sessionOf(res).project.id;
      }
      if (!match.route.body) {
        if (Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding')) {
          return next(new HttpError(400, bffErrorCodes.validation, '(body): this operation takes no body.'));
        }
        return next();
      }
      parseBody(req, res, (error?: unknown) => {
        if (error) return next(error);
        const parsed = match.route.body?.safeParse(req.body);
        if (!parsed) return next();
        if (!parsed.success) {
          // The same status, code and words DWS itself would answer with, before DWS ever sees it.
          const failure = dwsValidationFailure(parsed.error);
          return next(new HttpError(failure.status, failure.body.error_code, failure.body.error_msg));
        }
        const unknown = unknownField(req.body, parsed.data);
        if (unknown !== undefined) {
          return next(
            new HttpError(400, bffErrorCodes.validation, `${unknown}: is not a field of this operation.`),
          );
        }
        // What goes upstream is what was validated, never the browser's bytes; `req.body` is left empty
        // so http-proxy-middleware does not take the body for one it failed to send (its ERR_HPM.GH40).
        (req as ProxiedRequest).dwsBody = JSON.stringify(parsed.data);
        req.body = undefined;
        next();
      });
    },
    proxy,
  );
  return router;
}
