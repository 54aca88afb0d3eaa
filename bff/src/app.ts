import type { Agent } from 'node:https';
import type { Dispatcher } from 'undici';
import express, { type Express } from 'express';
import type { IamClient, IamTokens } from './auth/iam-client.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import { bestEffortRevoke } from './auth/revoke-token.ts';
import { createSessionRouter } from './auth/session-router.ts';
import { createSessions } from './auth/sessions.ts';
import type { SessionStore } from './auth/session-store.ts';
import { AnswerRunner } from './dbmind/answer-runner.ts';
import type { AnswerStore } from './dbmind/answer-store.ts';
import { defaultChatLimits, MemoryChatQuota, type ChatLimits, type ChatQuota } from './dbmind/chat-quota.ts';
import { createDbmindRouter } from './dbmind/dbmind-router.ts';
import { OpenStreams } from './dbmind/event-stream.ts';
import { MemoryConversationStore, type ConversationStore } from './dbmind/conversation-store.ts';
import { dwsProjectClusters, instancesOf, type ProjectInstances } from './dbmind/tenancy.ts';
import { createMonitoringRouter } from './dbmind/monitoring-router.ts';
import { createAlarmsRouter } from './dbmind/alarms-router.ts';
import { createDwsProxyRouter } from './dws-proxy/dws-proxy.ts';
import { createHealthRouter, type Probe } from './health/health-router.ts';
import { csrfGuard } from './http/csrf.ts';
import { createErrorHandler, notFound } from './http/errors.ts';
import { requestId } from './http/request-id.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { UpstreamError } from './http/upstream-trust.ts';
import type { Logger } from './logging/logger.ts';
import { auditTrail, type AuditLog } from './observability/audit-log.ts';
import { metricsHandler, type Metrics } from './observability/metrics.ts';
import { createTracesRouter } from './traces/traces-router.ts';
import { createWebRouter } from './web/web-router.ts';

export interface AppDeps {
  logger: Logger;
  iam: IamClient;
  /** Project list, project switch and revocation with the session's token. */
  iamTokens: IamTokens;
  /** Shared by every console process when it lives in Redis. */
  limiter: LoginLimiter;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses or CIDRs, Express's `trust proxy`): the client
   * address then comes from them, else it is the socket's.
   */
  trustedProxies?: string[];
  sessionStore: SessionStore;
  session: { idleMs: number; absoluteMs: number };
  dws: { endpoint: string; agent: Agent; timeoutMs: number };
  dbmind: {
    endpoint: string;
    dispatcher: Dispatcher;
    timeoutMs: number;
    answers: AnswerStore;
    orphanGraceMs: number;
    /** Per-user bounds of chat work; `defaultChatLimits` when absent. */
    limits?: ChatLimits;
    /** Where the bounds are counted (Redis for several processes); in this process when absent. */
    quota?: ChatQuota;
    /** The instances a session may use; its project's DWS clusters, asked with its token, when absent. */
    instances?: ProjectInstances;
    /** Where conversations are kept (Redis for several processes); in this process when absent. */
    conversations?: ConversationStore;
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
  app.set('trust proxy', deps.trustedProxies && deps.trustedProxies.length > 0 ? deps.trustedProxies : false);
  app.use(requestId);
  app.use(requestLog(deps.logger));
  app.use(deps.metrics.middleware);
  app.use(securityHeaders());

  const countedIam = async <T>(call: () => Promise<T>): Promise<T> => {
    deps.metrics.count('bff_upstream_requests_total', 'Requests sent to an upstream.', { upstream: 'iam' });
    try {
      return await call();
    } catch (error) {
      deps.metrics.count('bff_upstream_errors_total', 'Upstream calls that failed or timed out.', {
        upstream: 'iam',
        kind: error instanceof UpstreamError ? error.kind : 'unexpected',
      });
      throw error;
    }
  };
  const iam: IamClient = (credentials) => countedIam(() => deps.iam(credentials));
  const iamTokens: IamTokens = {
    projects: (token) => countedIam(() => deps.iamTokens.projects(token)),
    exchange: (token, project) => countedIam(() => deps.iamTokens.exchange(token, project)),
    revoke: (token) => countedIam(() => deps.iamTokens.revoke(token)),
  };
  const sessions = createSessions(
    deps.sessionStore,
    deps.session,
    deps.now,
    bestEffortRevoke(iamTokens, deps.logger),
  );
  const api = express.Router();
  // The audit trail comes first so that refused attempts (a cross-site POST) are on record too.
  api.use(auditTrail(deps.audit));
  api.use(csrfGuard);
  const limits = deps.dbmind.limits ?? defaultChatLimits;
  const runner = new AnswerRunner({
    endpoint: deps.dbmind.endpoint,
    dispatcher: deps.dbmind.dispatcher,
    store: deps.dbmind.answers,
    logger: deps.logger,
    orphanGraceMs: deps.dbmind.orphanGraceMs,
    quota: deps.dbmind.quota ?? new MemoryChatQuota(limits),
    answerBytes: limits.answerBytes,
  });
  const streams = new OpenStreams();
  // Log-out ends the user's chat: running answers stop (in whichever process runs them), streams close.
  const endChat = async (session: { user: { id: string } }) => {
    await runner.stopAllOf(session.user.id);
    streams.closeAllOf(session.user.id);
  };
  api.use(
    '/session',
    createSessionRouter({
      iam,
      iamTokens,
      sessions,
      limiter: deps.limiter,
      logger: deps.logger,
      onLogOut: endChat,
    }),
  );
  api.use(
    '/dws',
    createDwsProxyRouter({ ...deps.dws, sessions, logger: deps.logger, metrics: deps.metrics }),
  );
  deps.metrics.gauge('bff_active_sessions', 'Sessions that have not ended.', () => deps.sessionStore.count());
  deps.metrics.gauge('bff_open_streams', 'Event streams open to browsers.', () => runner.watchers);
  deps.metrics.gauge('bff_running_answers', 'Answers DBMind is still writing.', () => runner.openAnswers);
  const projectClusters = dwsProjectClusters({
    endpoint: deps.dws.endpoint,
    agent: deps.dws.agent,
    timeoutMs: deps.dws.timeoutMs,
    ttlMs: 5000,
  });
  api.use(
    '/dbmind',
    createDbmindRouter({
      ...deps.dbmind,
      store: deps.dbmind.answers,
      runner,
      sessions,
      streams,
      clusters: projectClusters,
      instances: deps.dbmind.instances ?? instancesOf(projectClusters),
      conversations: deps.dbmind.conversations ?? new MemoryConversationStore(),
      logger: deps.logger,
    }),
  );
  api.use(
    '/monitoring',
    createMonitoringRouter({ sessions, clusters: projectClusters, dbmind: deps.dbmind }),
  );
  api.use('/alarms', createAlarmsRouter({ sessions, clusters: projectClusters, dbmind: deps.dbmind }));
  api.use('/traces', createTracesRouter({ ...deps.dws, sessions }));
  api.use(notFound);
  // The API before the probes and the scrape: its calls are nearly all of the traffic.
  app.use('/api', api);
  app.use(createHealthRouter({ probes: deps.probes, ...(deps.now ? { now: deps.now } : {}) }));
  app.get('/metrics', metricsHandler(deps.metrics));

  app.use(createWebRouter({ dist: deps.webDist }));
  app.use(notFound);
  app.use(createErrorHandler(deps.logger));
  return app;
}
