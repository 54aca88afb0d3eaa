import type { Agent } from 'node:https';
import type { IncomingMessage } from 'node:http';
import express, { Router, type Request, type Response } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import { bffErrorCodes, dwsValidationFailure } from '@dws-console/shared';
import type { Sessions } from '../auth/sessions.ts';
import { sessionOf } from '../auth/sessions.ts';
import { HttpError, sendError } from '../http/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { matchDwsRoute } from './routes.ts';

/** Request headers a browser may pass to DWS. Cookie, Authorization, X-Auth-Token, X-Forwarded-* never pass. */
const forwardedRequestHeaders = new Set([
  'accept',
  'accept-language',
  'content-type',
  'content-length',
  'x-request-id',
]);
/** Response headers the browser gets back. Set-Cookie and hop-by-hop headers stay behind. */
const returnedResponseHeaders = new Set(['content-type', 'content-length', 'x-request-id', 'retry-after']);

interface ProxiedRequest extends IncomingMessage {
  dwsTarget?: string;
  dwsToken?: string;
  body?: unknown;
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

export function createDwsProxyRouter(deps: {
  endpoint: string;
  agent: Agent;
  timeoutMs: number;
  sessions: Sessions;
  logger: Logger;
  metrics: Metrics;
}): Router {
  const router = Router();

  const proxy = createProxyMiddleware<Request, Response>({
    target: deps.endpoint,
    changeOrigin: true,
    agent: deps.agent,
    secure: true,
    proxyTimeout: deps.timeoutMs,
    selfHandleResponse: true,
    pathRewrite: (_path, req) => (req as ProxiedRequest).dwsTarget ?? '/',
    on: {
      proxyReq: (proxyReq, req) => {
        for (const name of proxyReq.getHeaderNames()) {
          // `host` is the upstream's own (changeOrigin), not the browser's.
          if (name !== 'host' && !forwardedRequestHeaders.has(name)) proxyReq.removeHeader(name);
        }
        proxyReq.setHeader('X-Auth-Token', (req as ProxiedRequest).dwsToken ?? '');
        proxyReq.on('timeout', () => {
          (req as ProxiedRequest & { timedOut?: boolean }).timedOut = true;
        });
        fixRequestBody(proxyReq, req as ProxiedRequest);
      },
      proxyRes: (proxyRes, req, res) => {
        const status = proxyRes.statusCode ?? 502;
        for (const [name, value] of Object.entries(proxyRes.headers)) {
          if (returnedResponseHeaders.has(name) && value !== undefined) res.setHeader(name, value);
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
          void deps.sessions.end(req, res).then(() => {
            res.removeHeader('content-length');
            sendError(res, 401, bffErrorCodes.sessionExpired, 'The session has expired. Log in again.');
          });
        });
      },
      error: (error, req, res) => {
        const timedOut = (req as ProxiedRequest & { timedOut?: boolean }).timedOut === true;
        deps.metrics.count('bff_upstream_errors_total', 'Upstream calls that failed or timed out.', {
          upstream: 'dws',
          kind: timedOut ? 'timeout' : 'unreachable',
        });
        deps.logger.warn(
          {
            requestId: (res as Response).locals?.requestId,
            err: (error as NodeJS.ErrnoException).code ?? error.message,
          },
          'DWS upstream error',
        );
        if (!('headersSent' in res) || res.headersSent) {
          res.destroy();
          return;
        }
        sendError(
          res,
          timedOut ? 504 : 502,
          timedOut ? bffErrorCodes.upstreamTimeout : bffErrorCodes.upstreamUnavailable,
          timedOut ? 'DWS did not answer in time.' : 'DWS cannot be reached.',
        );
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
      if (!match.route.body) {
        if (Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding')) {
          return next(new HttpError(400, bffErrorCodes.validation, '(body): this operation takes no body.'));
        }
        return next();
      }
      express.json({ limit: '64kb' })(req, res, (error?: unknown) => {
        if (error) return next(error);
        const parsed = match.route.body?.safeParse(req.body);
        if (parsed && !parsed.success) {
          // The same status, code and words DWS itself would answer with, before DWS ever sees it.
          const failure = dwsValidationFailure(parsed.error);
          return next(new HttpError(failure.status, failure.body.error_code, failure.body.error_msg));
        }
        next();
      });
    },
    proxy,
  );
  return router;
}
