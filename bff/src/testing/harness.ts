import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadEmulatorConfig, startEmulator, type RunningEmulator } from '@dws-console/emulator';
import { copyTraceStore, openTestLog, rememberSecrets, secretsInBody } from '@dws-console/emulator/testing';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { createApp, type AppDeps } from '../app.ts';
import { countedIam } from '../auth/counted-iam.ts';
import {
  createIamClient,
  createIamTokens,
  createIamVirtualMfa,
  type IamClient,
  type IamTokens,
} from '../auth/iam-client.ts';
import { MemoryLoginLimiter, defaultLoginLimits } from '../auth/login-limiter.ts';
import { MemorySessionStore } from '../auth/session-store.ts';
import { MemoryAnswerStore, type AnswerStore } from '../dbmind/answer-store.ts';
import { AnswerRunner } from '../dbmind/answer-runner.ts';
import { MemoryChatQuota, type ChatLimits, type ChatQuota } from '../dbmind/chat-quota.ts';
import { MemoryConversationStore, type ConversationStore } from '../dbmind/conversation-store.ts';
import { DwsProjectClusters, fixedProjectInstances } from '../dbmind/tenancy.ts';
import { httpsProbe } from '../health/health-router.ts';
import { upstreamDispatcher, upstreamHttpsAgent } from '../http/upstream-trust.ts';
import { createLogger } from '../logging/logger.ts';
import { fileAuditLog } from '../observability/audit-log.ts';
import { Metrics } from '../observability/metrics.ts';
import { createConsoleServer, type RequestTimeouts } from '../server.ts';

export { testLogDir, testRunDir } from '@dws-console/emulator/testing';

/** The value of the session cookie in a `Set-Cookie` header (the secret scan looks for it in every form). */
function sessionIdIn(setCookie: string | null): string | undefined {
  return /__Host-dws-session=([^;]+)/.exec(setCookie ?? '')?.[1];
}

/** A real emulator and a real BFF over HTTPS on free ports, with the BFF's log lines captured. */
export interface Harness {
  url: string;
  dataDir: string;
  emulator: RunningEmulator;
  logs: string[];
  /** The file the BFF's and the emulator's log lines also go to, and the audit log's file. */
  logFile: string;
  auditLogFile: string;
  /** The IAM client the BFF uses; `setIam` wraps it (to count calls). */
  iam: IamClient;
  setIam(client: IamClient): void;
  /** The BFF's project list, project switch and revocation; `setIamTokens` wraps them. */
  iamTokens: IamTokens;
  setIamTokens(tokens: IamTokens): void;
  request(pathname: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  /** Logs in to `project` (`ae-ad-1` by default) and returns the session's `Cookie` header. */
  logIn(username?: string, password?: string, project?: string): Promise<string>;
  close(): Promise<void>;
}

export const roomyChatLimits: ChatLimits = {
  runningPerUser: 10_000,
  questionsPerMinute: 100_000,
  answerBytes: 64 * 1_048_576,
};

export interface HarnessOptions {
  /** Another DBMind than the emulator's (a test server that misbehaves on purpose). */
  dbmindEndpoint?: string;
  /** Another DWS than the emulator's (a test server that records or misbehaves). */
  dwsEndpoint?: string;
  dwsTimeoutMs?: number;
  iamTimeoutMs?: number;
  dbmindTimeoutMs?: number;
  /** An emulator another harness started (a second BFF process against the same cloud). */
  emulator?: RunningEmulator;
  /** The development PKI to use, so a test server can share its CA. */
  dataDir?: string;
  /** The CA the BFF trusts for IAM and DWS (UPSTREAM_CA); the development CA by default. */
  upstreamCa?: Buffer;
  /** The emulator's own clock (tokens expire by it), apart from the BFF's. */
  emulatorNow?: () => number;
  /** More emulator settings, e.g. EMULATOR_IAM_CONFIG for other users, EMULATOR_SPEED. */
  emulatorEnv?: Record<string, string>;
  /** Whether `logs` keeps every line in memory (a long load test only wants them in the file). */
  keepLogsInMemory?: boolean;
  /** Where answers are kept (a shared store for several BFF processes); a fresh memory store by default. */
  answers?: AnswerStore;
  /** How long an answer nobody watches keeps running; a minute by default. */
  orphanGraceMs?: number;
  /** The instances every session may use, instead of its project's DWS clusters (a DBMind stand-in's). */
  projectInstances?: string[];
  /** Per-user chat bounds; roomy by default, so tests about something else never meet them. */
  chatLimits?: ChatLimits;
  /** Where the bounds are counted (shared by several harnesses); in the BFF by default. */
  chatQuota?: ChatQuota;
  /** How long a project's list of clusters is remembered; 5 s, as main.ts, by default. */
  clusterListMs?: number;
  /** How long a client may take to send a request; the console's defaults unless given. */
  requestTimeouts?: RequestTimeouts;
  /** Where conversations are kept; a fresh memory store by default. */
  conversations?: ConversationStore;
  /** The console's port (an identity provider must know it before the console starts); a free one by default. */
  port?: number;
}

export async function startHarness(
  overrides: Partial<AppDeps> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'bff-harness-')));
  // Written where `npm test` scans them for secrets (scripts/scan-secrets.mjs); lines that come after
  // close (a connection's last request log) are dropped, not written to an ended file.
  const log = openTestLog('bff');
  const logFile = log.file;
  const auditLogFile = logFile.replace(/\.log$/, '.audit.log');
  const writeLog = (text: string | Buffer) => log.write(text);
  const ownsEmulator = options.emulator === undefined;
  const emulator =
    options.emulator ??
    (await startEmulator(
      loadEmulatorConfig({
        DATA_DIR: dataDir,
        EMULATOR_PORT: '0',
        EMULATOR_DBMIND_PORT: '0',
        ...options.emulatorEnv,
      }),
      {
        log: (message) => writeLog(`emulator: ${message}\n`),
        ...(options.emulatorNow ? { now: options.emulatorNow } : {}),
      },
    ));
  const pki = path.join(dataDir, 'pki');
  const [ca, cert, key, clientCert, clientKey, clientPass] = await Promise.all(
    ['ca.crt', 'server.crt', 'server.key', 'client.crt', 'client.key', 'client.pass'].map((file) =>
      readFile(path.join(pki, file)),
    ),
  );
  rememberSecrets(String(clientPass).trim());
  const trust = { ca: options.upstreamCa ?? ca };
  const dbmindDispatcher = upstreamDispatcher(trust, {
    clientCertificate: { cert: clientCert!, key: clientKey!, passphrase: String(clientPass).trim() },
    connections: null,
    // As main.ts: a DBMind that sends no headers in time is given up on; an answer may take long.
    headersTimeout: options.dbmindTimeoutMs ?? 5000,
    bodyTimeout: 5 * 60_000,
  });
  const logs: string[] = [];
  const logger = createLogger(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (options.keepLogsInMemory !== false) logs.push(chunk.toString('utf8'));
        writeLog(chunk);
        done();
      },
    }),
  );
  const upstreamAgent = upstreamHttpsAgent(trust);
  const iamDispatcher = upstreamDispatcher(trust);
  const realIam = createIamClient({
    endpoint: emulator.cloudUrl,
    dispatcher: iamDispatcher,
    timeoutMs: options.iamTimeoutMs ?? 5000,
  });
  let currentIam: IamClient = realIam;
  const realIamTokens = createIamTokens({
    endpoint: emulator.cloudUrl,
    dispatcher: iamDispatcher,
    timeoutMs: options.iamTimeoutMs ?? 5000,
  });
  let currentIamTokens: IamTokens = realIamTokens;
  const audit = fileAuditLog(auditLogFile);
  const metrics = overrides.metrics ?? new Metrics();
  const iam = countedIam(
    {
      client: (credentials) => currentIam(credentials),
      tokens: {
        projects: (token) => currentIamTokens.projects(token),
        exchange: (token, project) => currentIamTokens.exchange(token, project),
        revoke: (token) => currentIamTokens.revoke(token),
        federated: (idToken, idp) => currentIamTokens.federated(idToken, idp),
      },
      mfa: createIamVirtualMfa({
        endpoint: emulator.cloudUrl,
        dispatcher: iamDispatcher,
        timeoutMs: options.iamTimeoutMs ?? 5000,
      }),
    },
    metrics,
  );
  const answers = options.answers ?? new MemoryAnswerStore();
  const dbmindEndpoint = options.dbmindEndpoint ?? emulator.dbmindUrl;
  const dws = {
    endpoint: options.dwsEndpoint ?? emulator.cloudUrl,
    agent: upstreamAgent,
    timeoutMs: options.dwsTimeoutMs ?? 5000,
  };
  const chatLimits = options.chatLimits ?? roomyChatLimits;
  const app = createApp({
    logger,
    iam: iam.client,
    iamTokens: iam.tokens,
    iamMfa: iam.mfa,
    limiter: new MemoryLoginLimiter(defaultLoginLimits, overrides.now),
    sessionStore: new MemorySessionStore(),
    session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    dws,
    dbmind: {
      endpoint: dbmindEndpoint,
      dispatcher: dbmindDispatcher,
      timeoutMs: options.dbmindTimeoutMs ?? 5000,
      answers,
      runner: new AnswerRunner({
        endpoint: dbmindEndpoint,
        dispatcher: dbmindDispatcher,
        store: answers,
        logger,
        orphanGraceMs: options.orphanGraceMs ?? 60_000,
        quota: options.chatQuota ?? new MemoryChatQuota(chatLimits),
        answerBytes: chatLimits.answerBytes,
      }),
      conversations: options.conversations ?? new MemoryConversationStore(),
      ...(options.projectInstances ? { instances: fixedProjectInstances(options.projectInstances) } : {}),
    },
    projectClusters: new DwsProjectClusters({ ...dws, ttlMs: options.clusterListMs ?? 5000 }),
    probes: {
      iam: httpsProbe(emulator.cloudUrl, upstreamAgent),
      dws: httpsProbe(emulator.cloudUrl, upstreamAgent),
    },
    webDist: path.join(dataDir, 'no-web-build'),
    metrics,
    audit,
    ...overrides,
  });
  const server = createConsoleServer({ cert: cert!, key: key! }, app, options.requestTimeouts);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;
  const client = new Agent({ connect: { ca } });

  const request: Harness['request'] = async (pathname, init = {}) => {
    const { cookie, headers, ...rest } = init;
    rememberSecrets(...secretsInBody(rest.body));
    const response = await fetch(`${url}${pathname}`, {
      ...rest,
      headers: { ...(headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) },
      dispatcher: client,
    });
    rememberSecrets(sessionIdIn(response.headers.get('set-cookie')));
    return response;
  };

  return {
    url,
    dataDir,
    logFile,
    auditLogFile,
    iam: realIam,
    setIam(client) {
      currentIam = client;
    },
    iamTokens: realIamTokens,
    setIamTokens(tokens) {
      currentIamTokens = tokens;
    },
    emulator,
    logs,
    request,
    async logIn(username = 'admin', password = 'Admin@12345', project = 'ae-ad-1') {
      const response = await request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ domain: 'demo', username, password, project }),
      });
      if (response.status !== 201)
        throw new Error(`log-in failed: ${response.status} ${await response.text()}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0] ?? '';
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      upstreamAgent.destroy();
      await Promise.all([iamDispatcher.close(), client.close(), dbmindDispatcher.close(), audit.close()]);
      if (ownsEmulator) {
        await emulator.close();
        await copyTraceStore(dataDir);
        await rm(dataDir, { recursive: true, force: true });
      }
      await log.close();
    },
  };
}
