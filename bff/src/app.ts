import type { Agent } from 'node:https';
import type { Dispatcher } from 'undici';
import express, { type Express } from 'express';
import { z } from 'zod/mini';
import type { IamClient, IamTokens, IamVirtualMfa } from './auth/iam-client.ts';
import { createMfaDeviceRouter } from './auth/mfa-device-router.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import { bestEffortRevoke } from './auth/revoke-token.ts';
import { createSessionRouter } from './auth/session-router.ts';
import { createSessions } from './auth/sessions.ts';
import type { SsoClient } from './auth/sso.ts';
import { createSsoRouter } from './auth/sso-router.ts';
import { MemorySsoTokens, type SsoTokens } from './auth/sso-tokens.ts';
import type { SessionStore } from './auth/session-store.ts';
import type { AnswerRunner } from './dbmind/answer-runner.ts';
import type { AnswerStore } from './dbmind/answer-store.ts';
import { createDbmindRouter } from './dbmind/dbmind-router.ts';
import { OpenStreams } from './dbmind/event-stream.ts';
import type { ConversationStore } from './dbmind/conversation-store.ts';
import { instancesOf, type ProjectClusters, type ProjectInstances } from './dbmind/tenancy.ts';
import { createMonitoringRouter } from './dbmind/monitoring-router.ts';
import { createAlarmsRouter } from './dbmind/alarms-router.ts';
import { createDwsProxyRouter } from './dws-proxy/dws-proxy.ts';
import { createHealthRouter, type Probe } from './health/health-router.ts';
import { csrfGuard } from './http/csrf.ts';
import { createErrorHandler, notFound } from './http/errors.ts';
import { inSequence } from './http/in-sequence.ts';
import { requestId } from './http/request-id.ts';
import { requestLog } from './http/request-log.ts';
import { wellEncodedPath } from './http/request-path.ts';
import { securityHeaders } from './http/security-headers.ts';
import type { Logger } from './logging/logger.ts';
import { auditTrail, type AuditLog } from './observability/audit-log.ts';
import { metricsHandler, type Metrics } from './observability/metrics.ts';
import { createTracesRouter } from './traces/traces-router.ts';
import { createWebRouter } from './web/web-router.ts';

// The shared contracts are written with zod/mini, which loads no locale: without the English one, the rules zod
// words itself (an unknown key, a wrong type) would reach callers as a bare "Invalid input" (decision 037).
z.config(z.locales.en());

export interface AppDeps {
  logger: Logger;
  /** Log-in with IAM (counted as upstream calls: `countedIam`). */
  iam: IamClient;
  /** Project list, project switch and revocation with the session's token. */
  iamTokens: IamTokens;
  /** Log-ins protected by virtual MFA. */
  iamMfa: IamVirtualMfa;
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
    /** Runs the answers kept in `answers`, within the users' chat quota. */
    runner: AnswerRunner;
    /** The instances a session may use; its project's DWS clusters, asked with its token, when absent. */
    instances?: ProjectInstances;
    /** Where conversations are kept (Redis for several processes). */
    conversations: ConversationStore;
  };
  /** The DWS clusters of each session's project, as the assistant, monitoring and alarms see them. */
  projectClusters: ProjectClusters;
  probes: Record<string, Probe>;
  webDist: string;
  metrics: Metrics;
  /** The bearer token `/metrics` asks of its scraper; loopback callers that no proxy relays when absent. */
  metricsToken?: string;
  audit: AuditLog;
  /** Single sign-on with an OpenID Provider, when one is configured. */
  sso?: SsoClient;
  /** Where single sign-on sessions' IAM tokens wait for a back-channel log-out (Redis for several processes). */
  ssoTokens?: SsoTokens;
  /** Whether the password form signs people in (on unless configuration turns it off). */
  passwordSignIn?: boolean;
  /** The clock sessions are timed with (tests move it). */
  now?: () => number;
}

/** Composes the console: middleware order matters and is all here; only main.ts listens. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.trustedProxies && deps.trustedProxies.length > 0 ? deps.trustedProxies : false);
  app.use(
    inSequence(
      requestId,
      requestLog(deps.logger),
      deps.metrics.middleware,
      securityHeaders(),
      wellEncodedPath,
    ),
  );

  const { iam, iamTokens, sso } = deps;
  const sessions = createSessions(
    deps.sessionStore,
    deps.session,
    deps.now,
    bestEffortRevoke(iamTokens, deps.logger),
    deps.ssoTokens ?? (sso ? new MemorySsoTokens(sso.settings.clientSecret) : undefined),
  );
  const audit = auditTrail(deps.audit);
  // The DWS calls are nearly all of the API's traffic: matched before the other mounts, one router level up,
  // behind the same audit trail and CSRF guard as every other API call.
  app.use(
    '/api/dws',
    inSequence(audit, csrfGuard),
    createDwsProxyRouter({
      ...deps.dws,
      sessions,
      logger: deps.logger,
      metrics: deps.metrics,
      // A cluster the console itself created, restored or deleted is known to the assistant at once.
      onClustersChanged: (projectId) => deps.projectClusters.forget(projectId),
    }),
  );
  const api = express.Router();
  // The audit trail comes first so that refused attempts (a cross-site POST) are on record too.
  api.use(audit);
  const { runner } = deps.dbmind;
  const streams = new OpenStreams();
  // Log-out ends the user's chat: running answers stop (in whichever process runs them), streams close.
  const endChat = async (session: { user: { id: string } }) => {
    await runner.stopAllOf(session.user.id);
    streams.closeAllOf(session.user.id);
  };
  // Before the CSRF guard: the provider's back-channel log-out is a cross-site form post, trusted by its signature.
  if (sso) {
    api.use(
      '/session/sso',
      createSsoRouter({ sso, iamTokens, sessions, logger: deps.logger, onSignedOut: endChat }),
    );
  }
  api.use(csrfGuard);
  api.use(
    '/session/mfa-device',
    createMfaDeviceRouter({ iamMfa: deps.iamMfa, sessions, logger: deps.logger }),
  );
  api.use(
    '/session',
    createSessionRouter({
      iam,
      iamTokens,
      iamMfa: deps.iamMfa,
      sessions,
      limiter: deps.limiter,
      logger: deps.logger,
      onLogOut: endChat,
      signIn: {
        password: deps.passwordSignIn ?? true,
        ...(sso ? { sso: { name: sso.settings.name } } : {}),
      },
      ...(sso ? { ssoLogoutUrl: () => sso.logoutUrl() } : {}),
    }),
  );
  deps.metrics.gauge('bff_active_sessions', 'Sessions that have not ended.', () => deps.sessionStore.count());
  deps.metrics.gauge('bff_open_streams', 'Event streams open to browsers.', () => runner.watchers);
  deps.metrics.gauge('bff_running_answers', 'Answers DBMind is still writing.', () => runner.openAnswers);
  const { projectClusters } = deps;
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
      conversations: deps.dbmind.conversations,
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
  app.get('/metrics', metricsHandler(deps.metrics, { token: deps.metricsToken }));

  app.use(createWebRouter({ dist: deps.webDist }));
  app.use(notFound);
  app.use(createErrorHandler(deps.logger));
  return app;
}
