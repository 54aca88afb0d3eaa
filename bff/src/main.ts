import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { countedIam } from './auth/counted-iam.ts';
import { AnswerRunner } from './dbmind/answer-runner.ts';
import { MemoryAnswerStore } from './dbmind/answer-store.ts';
import { checkClientCertificate } from './dbmind/client-certificate.ts';
import { MemoryChatQuota, RedisChatQuota } from './dbmind/chat-quota.ts';
import { MemoryConversationStore } from './dbmind/conversation-store.ts';
import { RedisAnswerStore } from './dbmind/redis-answer-store.ts';
import { RedisConversationStore } from './dbmind/redis-conversation-store.ts';
import { DwsProjectClusters } from './dbmind/tenancy.ts';
import { createIamClient, createIamTokens, createIamVirtualMfa } from './auth/iam-client.ts';
import { MemoryLoginLimiter, RedisLoginLimiter } from './auth/login-limiter.ts';
import { connectRedis, RedisSessionStore, redisProbe } from './auth/redis-session-store.ts';
import { MemorySessionStore } from './auth/session-store.ts';
import { RedisSsoTokens } from './auth/sso-tokens.ts';
import { loadConfig } from './config/config.ts';
import { discoverSso, type SsoClient } from './auth/sso.ts';
import { dispatcherProbe, httpsProbe } from './health/health-router.ts';
import { upstreamDispatcher, upstreamHttpsAgent } from './http/upstream-trust.ts';
import { createLogger } from './logging/logger.ts';
import { fileAuditLog } from './observability/audit-log.ts';
import { redisAuditLog } from './observability/redis-audit-log.ts';
import { Metrics } from './observability/metrics.ts';
import { createConsoleServer } from './server.ts';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.LOG_LEVEL });
const upstreamCa = config.UPSTREAM_CA ? readFileSync(config.UPSTREAM_CA) : undefined;
const timeoutMs = config.UPSTREAM_TIMEOUT_SECONDS * 1000;

const trust = upstreamCa ? { ca: upstreamCa } : {};
const upstreamAgent = upstreamHttpsAgent(trust);
const iamDispatcher = upstreamDispatcher(trust);

const dbmindCertificate = {
  cert: readFileSync(config.DBMIND_CLIENT_CERT),
  key: readFileSync(config.DBMIND_CLIENT_KEY),
  passphrase: config.DBMIND_CLIENT_KEY_PASSPHRASE,
};
checkClientCertificate(dbmindCertificate);
// Streams are long: no socket cap, no idle limit on the body beyond DBMind's slowest tool.
const dbmindDispatcher = upstreamDispatcher(trust, {
  clientCertificate: dbmindCertificate,
  connections: null,
  headersTimeout: timeoutMs,
  bodyTimeout: 5 * 60_000,
});

// Several BFF processes share sessions and answers through Redis; one process keeps them in memory.
const redis = config.REDIS_URL
  ? connectRedis(config.REDIS_URL, config.REDIS_CA ? { ca: readFileSync(config.REDIS_CA) } : {})
  : undefined;
redis?.on('error', (error: Error) => logger.error({ err: error.message }, 'Redis error'));

const chatLimits = {
  runningPerUser: config.CHAT_RUNNING_ANSWERS,
  questionsPerMinute: config.CHAT_QUESTIONS_PER_MINUTE,
  answerBytes: config.CHAT_ANSWER_BYTES,
};

const metrics = new Metrics();
const iam = countedIam(
  {
    client: createIamClient({ endpoint: config.IAM_ENDPOINT, dispatcher: iamDispatcher, timeoutMs }),
    tokens: createIamTokens({ endpoint: config.IAM_ENDPOINT, dispatcher: iamDispatcher, timeoutMs }),
    mfa: createIamVirtualMfa({ endpoint: config.IAM_ENDPOINT, dispatcher: iamDispatcher, timeoutMs }),
  },
  metrics,
);
// Any process can then resume, watch or stop an answer another one asked.
const answers = redis ? new RedisAnswerStore(redis) : new MemoryAnswerStore();
const dws = { endpoint: config.DWS_ENDPOINT, agent: upstreamAgent, timeoutMs };

/** A provider that cannot be read stops the console at start, naming the variable, not at the first sign-in. */
async function singleSignOn(): Promise<SsoClient | undefined> {
  if (!config.SSO) return undefined;
  try {
    return await discoverSso(config.SSO);
  } catch (error) {
    logger.fatal(`invalid configuration: ${error instanceof Error ? error.message : 'OIDC_ISSUER'}`);
    process.exit(1);
  }
}
const sso = await singleSignOn();
const audit = redis ? redisAuditLog(redis, fileAuditLog(config.AUDIT_LOG)) : fileAuditLog(config.AUDIT_LOG);

const app = createApp({
  logger,
  iam: iam.client,
  iamTokens: iam.tokens,
  iamMfa: iam.mfa,
  limiter: redis ? new RedisLoginLimiter(redis) : new MemoryLoginLimiter(),
  ...(config.TRUSTED_PROXIES ? { trustedProxies: config.TRUSTED_PROXIES } : {}),
  // A second: what another process's log-out can go unseen here at worst (decision 035); its message is faster.
  sessionStore: redis ? new RedisSessionStore(redis, { ttlMs: 1000 }) : new MemorySessionStore(),
  ...(redis && sso ? { ssoTokens: new RedisSsoTokens(redis, sso.settings.clientSecret) } : {}),
  session: {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  },
  dws,
  dbmind: {
    endpoint: config.DBMIND_ENDPOINT,
    dispatcher: dbmindDispatcher,
    timeoutMs,
    answers,
    runner: new AnswerRunner({
      endpoint: config.DBMIND_ENDPOINT,
      dispatcher: dbmindDispatcher,
      store: answers,
      logger,
      orphanGraceMs: 60_000,
      // Counted in Redis when answers are, so a user's limits hold whichever process serves them.
      quota: redis ? new RedisChatQuota(redis, chatLimits) : new MemoryChatQuota(chatLimits),
      answerBytes: chatLimits.answerBytes,
    }),
    // Conversations follow the user to another browser, whichever process serves it.
    conversations: redis ? new RedisConversationStore(redis) : new MemoryConversationStore(),
  },
  projectClusters: new DwsProjectClusters({ ...dws, ttlMs: 5000 }),
  probes: {
    iam: httpsProbe(config.IAM_ENDPOINT, upstreamAgent),
    dws: httpsProbe(config.DWS_ENDPOINT, upstreamAgent),
    dbmind: dispatcherProbe(config.DBMIND_ENDPOINT, dbmindDispatcher),
    ...(redis ? { redis: redisProbe(redis) } : {}),
  },
  webDist: config.WEB_DIST,
  metrics,
  ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
  ...(sso ? { sso } : {}),
  passwordSignIn: config.PASSWORD_LOGIN === 'on',
  audit,
});

const clientCa = config.TLS_CLIENT_CA ? readFileSync(config.TLS_CLIENT_CA) : undefined;
const server = createConsoleServer(
  { cert: readFileSync(config.TLS_CERT), key: readFileSync(config.TLS_KEY), clientCa },
  app,
);

server.listen(config.PORT, config.HOST, () => {
  logger.info(
    { url: `https://localhost:${config.PORT}`, mutualTls: Boolean(clientCa), node: process.version },
    'console listening',
  );
});

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  // The audit log is closed last, so that the answers still in flight are on record before the process ends.
  let closing: Promise<void> | undefined;
  const exit = () => void (closing ??= audit.close()).finally(() => process.exit(0));
  server.close(exit);
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    exit();
  }, 5000).unref();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
