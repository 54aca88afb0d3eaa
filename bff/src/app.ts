import type { Agent } from 'node:https';
import type { Dispatcher } from 'undici';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { IamClient } from './auth/iam-client.ts';
import { LoginLimiter } from './auth/login-limiter.ts';
import { createSessionRouter } from './auth/session-router.ts';
import { createSessions } from './auth/sessions.ts';
import type { SessionStore } from './auth/session-store.ts';
import { AnswerRunner } from './dbmind/answer-runner.ts';
import type { AnswerStore } from './dbmind/answer-store.ts';
import { createDbmindRouter } from './dbmind/dbmind-router.ts';
import { createMonitoringRouter } from './dbmind/monitoring-router.ts';
import { createDwsProxyRouter } from './dws-proxy/dws-proxy.ts';
import { createHealthRouter, type Probe } from './health/health-router.ts';
import { csrfGuard } from './http/csrf.ts';
import { createErrorHandler, notFound } from './http/errors.ts';
import { requestId } from './http/request-id.ts';
import { requestLog } from './http/request-log.ts';
import { UpstreamError } from './http/upstream-trust.ts';
import type { Logger } from './logging/logger.ts';
import { auditTrail, type AuditLog } from './observability/audit-log.ts';
import { metricsHandler, type Metrics } from './observability/metrics.ts';
import { createWebRouter } from './web/web-router.ts';

export interface AppDeps {
  logger: Logger;
  iam: IamClient;
  sessionStore: SessionStore;
  session: { idleMs: number; absoluteMs: number };
  dws: { endpoint: string; agent: Agent; timeoutMs: number };
  dbmind: {
    endpoint: string;
    dispatcher: Dispatcher;
    timeoutMs: number;
    answers: AnswerStore;
    orphanGraceMs: number;
  };
  probes: Record<string, Probe>;
  webDist: string;
  metrics: Metrics;
  audit: AuditLog;
  /** The clock sessions are timed with (tests move it). */
  now?: () => number;
}

/** Composes the console: middleware order matters and is all here; only main.ts listens. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId);
  app.use(requestLog(deps.logger));
  app.use(deps.metrics.middleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // antd injects its component styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    }),
  );
  app.use(createHealthRouter({ probes: deps.probes }));
  app.get('/metrics', metricsHandler(deps.metrics));

  const sessions = createSessions(deps.sessionStore, deps.session, deps.now);
  const iam: IamClient = async (credentials) => {
    deps.metrics.count('bff_upstream_requests_total', 'Requests sent to an upstream.', { upstream: 'iam' });
    try {
      return await deps.iam(credentials);
    } catch (error) {
      deps.metrics.count('bff_upstream_errors_total', 'Upstream calls that failed or timed out.', {
        upstream: 'iam',
        kind: error instanceof UpstreamError ? error.kind : 'unexpected',
      });
      throw error;
    }
  };
  const limiter = new LoginLimiter({
    windowMs: 15 * 60_000,
    perUser: 5,
    perAddress: 30,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The audit trail comes first so that refused attempts (a cross-site POST) are on record too.
  api.use(auditTrail(deps.audit));
  api.use(csrfGuard);
  api.use('/session', createSessionRouter({ iam, sessions, limiter, logger: deps.logger }));
  api.use(
    '/dws',
    createDwsProxyRouter({ ...deps.dws, sessions, logger: deps.logger, metrics: deps.metrics }),
  );
  const runner = new AnswerRunner({
    endpoint: deps.dbmind.endpoint,
    dispatcher: deps.dbmind.dispatcher,
    store: deps.dbmind.answers,
    logger: deps.logger,
    orphanGraceMs: deps.dbmind.orphanGraceMs,
  });
  deps.metrics.gauge('bff_active_sessions', 'Sessions that have not ended.', () => deps.sessionStore.count());
  deps.metrics.gauge('bff_open_streams', 'Event streams open to browsers.', () => runner.watchers);
  deps.metrics.gauge('bff_running_answers', 'Answers DBMind is still writing.', () => runner.openAnswers);
  api.use(
    '/dbmind',
    createDbmindRouter({ ...deps.dbmind, store: deps.dbmind.answers, runner, sessions, logger: deps.logger }),
  );
  api.use('/monitoring', createMonitoringRouter({ sessions, dws: deps.dws, dbmind: deps.dbmind }));
  api.use(notFound);
  app.use('/api', api);

  app.use(createWebRouter({ dist: deps.webDist }));
  app.use(notFound);
  app.use(createErrorHandler(deps.logger));
  return app;
}
