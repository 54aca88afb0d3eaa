import { Router, type Request, type Response } from 'express';
import {
  askRequestSchema,
  assistantActions,
  bffErrorCodes,
  clusterIdSchema,
  defaultModel,
  llmListResponseSchema,
  registerClusterRequestSchema,
  rolesAllow,
  selectClusterRequestSchema,
  selectModelRequestSchema,
  switchLlmResponseSchema,
  type ChatAccess,
  type ClusterBinding,
  type ChatRight,
  type DbmindClusterMap,
} from '@dws-console/shared';
import { sessionOf, type Sessions } from '../auth/sessions.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Logger } from '../logging/logger.ts';
import type { AnswerRunner } from './answer-runner.ts';
import type { AnswerStore } from './answer-store.ts';
import { ChatLimitError } from './chat-quota.ts';
import type { ConversationStore } from './conversation-store.ts';
import { createConversationsRouter } from './conversations-router.ts';
import {
  chooseDbmindInstance,
  dbmindAddresses,
  dbmindClusterMap,
  dbmindJson,
  RememberedClusterMap,
  type DbmindConnection,
} from './dbmind-client.ts';
import { openEventStream, streamAnswer, type OpenStreams } from './event-stream.ts';
import {
  clusterById,
  dbmindSessionId,
  dbmindUserId,
  normaliseAddress,
  type ProjectCluster,
  type ProjectClusters,
  type ProjectInstances,
} from './tenancy.ts';

const answerIdPattern = /^[0-9a-f-]{36}$/;
/**
 * How long a question relies on DBMind's cluster list read for another: a cluster it names that is missing is
 * looked for again at once, so this only bounds how long one unregistered elsewhere still looks registered (its
 * question then fails to switch to it, and the list is read again).
 */
const questionClustersTtlMs = 5_000;
const knownRoutes = new Set([
  '/access',
  '/intelligent-interaction',
  '/llms',
  '/clusters',
  '/clusters/register',
  '/answers/:id',
  '/answers/:id/events',
  '/clusters/:id/binding',
  '/conversations',
  '/conversations/:id',
  '/conversations/:id/turns',
  '/conversations/:id/turns/:id',
]);

/** The route without its resource ids, for metrics and the audit trail. */
function routeLabel(path: string): string {
  return path
    .replace(/^\/answers\/[^/]+/, '/answers/:id')
    .replace(/^\/clusters\/(?!register$)[^/]+\/binding$/, '/clusters/:id/binding')
    .replace(/^\/conversations\/[^/]+/, '/conversations/:id')
    .replace(/\/turns\/[^/]+$/, '/turns/:id')
    .replace(/\/$/, '');
}

function lastEventId(req: Request): number {
  const raw =
    req.header('Last-Event-ID') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : '0');
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HttpError(400, bffErrorCodes.validation, 'Last-Event-ID: must be a non-negative integer.');
  }
  return value;
}

export function createDbmindRouter(
  deps: DbmindConnection & {
    sessions: Sessions;
    runner: AnswerRunner;
    store: AnswerStore;
    instances: ProjectInstances;
    /** The project's DWS clusters, to find the instance of a cluster id (the panel on a cluster's page). */
    clusters: ProjectClusters;
    conversations: ConversationStore;
    streams: OpenStreams;
    logger: Logger;
  },
): Router {
  const router = Router();
  const questionClusters = new RememberedClusterMap(deps, { ttlMs: questionClustersTtlMs });
  router.use(deps.sessions.require, (req, res, next) => {
    // Route labels for metrics and the audit trail: the answer id is a resource, not part of the route.
    const route = routeLabel(req.path);
    res.locals.route = knownRoutes.has(route) ? `/api/dbmind${route}` : 'other';
    next();
  });

  /** Loads an answer only for the user who asked it; anyone else is told it does not exist. */
  async function ownAnswer(req: Request, res: Response): Promise<string> {
    const id = String(req.params.answerId);
    const meta = answerIdPattern.test(id) ? await deps.store.meta(id) : undefined;
    if (!meta || meta.owner !== sessionOf(res).user.id) {
      throw new HttpError(404, bffErrorCodes.notFound, 'answer_id: no such answer.');
    }
    res.locals.resource = id;
    return id;
  }

  function rightOf(res: Response, what: keyof typeof assistantActions): ChatRight {
    const session = sessionOf(res);
    if (rolesAllow(session.roles, assistantActions[what])) return { allowed: true };
    return {
      allowed: false,
      reason: `${what === 'ask' ? 'Asking the assistant' : 'Registering a cluster'} needs the IAM action ${assistantActions[what]} in project ${session.project.name}.`,
    };
  }

  function require(res: Response, what: keyof typeof assistantActions): void {
    const right = rightOf(res, what);
    if (!right.allowed) throw new HttpError(403, bffErrorCodes.forbidden, right.reason ?? 'Not allowed.');
  }

  /** DBMind's clusters that belong to the session's project (its instances are the project's DWS endpoints). */
  async function projectClusters(
    res: Response,
    list: Promise<DbmindClusterMap> = dbmindClusterMap(deps),
  ): Promise<DbmindClusterMap> {
    const own = await deps.instances(sessionOf(res));
    const all = await list;
    return Object.fromEntries(
      Object.entries(all).filter(([address, cluster]) =>
        dbmindAddresses(address, cluster).some((a) => own.has(a)),
      ),
    );
  }

  /** Refuses an instance outside the session's project, in the console's error body. */
  async function requireOwnInstance(res: Response, instance: string): Promise<void> {
    const own = await deps.instances(sessionOf(res), instance);
    if (!own.has(normaliseAddress(instance))) {
      throw new HttpError(
        403,
        bffErrorCodes.forbidden,
        `instance: ${instance} is not a cluster of project ${sessionOf(res).project.name}.`,
      );
    }
  }

  /** Sets the DBMind session's cluster explicitly before every question: never DBMind's own default. */
  async function chooseInstance(
    res: Response,
    sessionId: string,
    wanted: string | undefined,
  ): Promise<string> {
    const session = sessionOf(res);
    if (wanted) await requireOwnInstance(res, wanted);
    const own = await deps.instances(session);
    if (own.size === 0) {
      throw new HttpError(
        409,
        bffErrorCodes.conflict,
        `Project ${session.project.name} has no DWS cluster you can see, so the assistant has nothing to answer about.`,
      );
    }
    const pick = async (fresh: boolean) => {
      const registered = Object.entries(await projectClusters(res, questionClusters.read(fresh)))
        .filter(([, cluster]) => cluster.managed)
        .map(([address]) => address)
        .sort();
      return wanted
        ? registered.find((address) => normaliseAddress(address) === normaliseAddress(wanted))
        : registered[0];
    };
    const instance = (await pick(false)) ?? (await pick(true));
    if (!instance) {
      throw new HttpError(
        409,
        bffErrorCodes.conflict,
        wanted
          ? `instance: ${wanted} is not registered with DBMind yet; register it first.`
          : `No cluster of project ${session.project.name} is registered with DBMind yet; register one first.`,
      );
    }
    const who = { user_id: dbmindUserId(session), session_id: sessionId };
    if (!(await chooseDbmindInstance(deps, instance, who))) {
      // Perhaps no longer registered: the next question reads the list again.
      questionClusters.forget();
      throw new HttpError(502, bffErrorCodes.upstreamUnavailable, `DBMind did not switch to ${instance}.`);
    }
    return instance;
  }

  /** A DWS cluster of the session's project, by id; another project's (or none) is refused alike. */
  async function ownCluster(res: Response, clusterId: string): Promise<ProjectCluster> {
    const cluster = await clusterById(deps.clusters, sessionOf(res), clusterId);
    if (!cluster) {
      throw new HttpError(
        403,
        bffErrorCodes.forbidden,
        `cluster_id: ${clusterId} is not a cluster of project ${sessionOf(res).project.name}.`,
      );
    }
    res.locals.resource = clusterId;
    return cluster;
  }

  /** The DBMind address of a cluster: the one DBMind lists for it (registered or not), else its first endpoint. */
  async function bindingOf(res: Response, clusterId: string): Promise<ClusterBinding> {
    const cluster = await ownCluster(res, clusterId);
    const known = Object.entries(await projectClusters(res)).find(([address, c]) =>
      dbmindAddresses(address, c).some((a) => cluster.addresses.includes(a)),
    );
    const instance = known?.[0] ?? cluster.addresses[0];
    return {
      cluster_id: clusterId,
      ...(instance ? { instance } : {}),
      registered: known?.[1].managed === true,
    };
  }

  /** Has DBMind answer the browser's chat session `sessionId` with the model `name`. */
  const selectModel = (res: Response, sessionId: string, name: string) => {
    const session = sessionOf(res);
    const query = new URLSearchParams({
      name,
      user_id: dbmindUserId(session),
      session_id: dbmindSessionId(session, sessionId),
    });
    return dbmindJson(deps, 'PUT', `/v1/api/llms?${query.toString()}`);
  };

  /** Whether DBMind now answers the browser's chat session `sessionId` with the model `name`. */
  const tookModel = async (res: Response, sessionId: string, name: string) => {
    const answer = switchLlmResponseSchema.safeParse((await selectModel(res, sessionId, name)).body);
    return answer.success && answer.data.success && answer.data.data;
  };

  router.use(
    '/conversations',
    createConversationsRouter({
      store: deps.conversations,
      pinModel: async (res, id, preferred) => {
        if (preferred !== undefined && (await tookModel(res, id, preferred))) return preferred;
        const listed = llmListResponseSchema.safeParse((await dbmindJson(deps, 'GET', '/v1/api/llms')).body);
        const fallback = listed.success && listed.data.success ? defaultModel(listed.data.data) : undefined;
        return fallback !== undefined && (await tookModel(res, id, fallback)) ? fallback : undefined;
      },
    }),
  );

  router.get('/clusters/:clusterId/binding', async (req, res) => {
    const clusterId = clusterIdSchema.safeParse(req.params.clusterId);
    if (!clusterId.success) {
      throw new HttpError(
        400,
        bffErrorCodes.validation,
        `cluster_id: ${clusterId.error.issues[0]?.message ?? 'is invalid'}.`,
      );
    }
    res.json(await bindingOf(res, clusterId.data));
  });

  async function clusterInstance(res: Response, clusterId: string): Promise<string> {
    const binding = await bindingOf(res, clusterId);
    if (!binding.instance) {
      throw new HttpError(409, bffErrorCodes.conflict, `cluster_id: ${clusterId} has no endpoint yet.`);
    }
    return binding.instance;
  }

  router.get('/access', async (_req, res) => {
    const session = sessionOf(res);
    const access: ChatAccess = {
      project: session.project,
      ask: rightOf(res, 'ask'),
      register: rightOf(res, 'register'),
      clusters: (await deps.instances(session)).size,
    };
    res.json(access);
  });

  router.post('/intelligent-interaction', jsonBody('64kb'), async (req, res) => {
    const body = parseInput(askRequestSchema, req.body);
    require(res, 'ask');
    const session = sessionOf(res);
    const { instance: asked, cluster_id: clusterId, ...question } = body;
    if (asked && clusterId) {
      throw new HttpError(400, bffErrorCodes.validation, 'instance: must not be given with cluster_id.');
    }
    // The panel on a cluster's page names the DWS cluster: the BFF knows its DBMind instance, the user never types one.
    const wanted = clusterId ? await clusterInstance(res, clusterId) : asked;
    const sessionId = dbmindSessionId(session, question.session_id);
    let instance = '';
    let answerId: string;
    try {
      answerId = await deps.runner.start(
        session.user.id,
        async () => {
          instance = await chooseInstance(res, sessionId, wanted);
          // The ids are the BFF's, whatever the browser sent.
          return { ...question, session_id: sessionId, user_id: dbmindUserId(session) };
        },
        String(res.locals.requestId),
      );
    } catch (error) {
      if (error instanceof ChatLimitError && error.retryAfterSeconds !== undefined) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    deps.logger.info(
      { requestId: res.locals.requestId, answer: answerId, mode: question.mode, instance },
      'question sent',
    );
    res.setHeader('X-Instance', instance);

    if (!(req.header('Accept') ?? '').includes('text/event-stream')) {
      res.status(202).json({ answer_id: answerId, events: `/api/dbmind/answers/${answerId}/events` });
      return;
    }
    // Asked and watched on one connection: the browser leaving means nobody can resume it, so stop it.
    res.setHeader('X-Answer-Id', answerId);
    openEventStream(res);
    deps.streams.add(session.user.id, res);
    const unwatch = deps.runner.watch(answerId, { abortWhenGone: true });
    res.once('close', unwatch);
    await streamAnswer({ res, store: deps.store, answerId, afterSeq: 0 });
  });

  router.get('/answers/:answerId/events', async (req, res) => {
    const answerId = await ownAnswer(req, res);
    const after = lastEventId(req);
    const { events, ended } = await deps.store.read(answerId, after);
    if (ended && events.length === 0) {
      // 204 tells EventSource the stream is over and not to reconnect.
      res.status(204).end();
      return;
    }
    openEventStream(res);
    deps.streams.add(sessionOf(res).user.id, res);
    const unwatch = deps.runner.watch(answerId, { abortWhenGone: false });
    res.once('close', unwatch);
    await streamAnswer({ res, store: deps.store, answerId, afterSeq: after });
  });

  router.delete('/answers/:answerId', async (req, res) => {
    const answerId = await ownAnswer(req, res);
    await deps.runner.stop(answerId);
    res.status(204).end();
  });

  const reply = (res: Response, answer: { status: number; body: unknown }) => {
    res.status(answer.status).json(answer.body);
  };

  router.get('/llms', async (_req, res) => {
    reply(res, await dbmindJson(deps, 'GET', '/v1/api/llms'));
  });

  router.put('/llms', jsonBody('8kb'), async (req, res) => {
    const body = parseInput(selectModelRequestSchema, req.body);
    reply(res, await selectModel(res, body.session_id, body.name));
  });

  // Only the project's own clusters: DBMind lists every tenant's.
  router.get('/clusters', async (_req, res) => {
    res.json({ data: await projectClusters(res), success: true });
  });

  router.put('/clusters', jsonBody('8kb'), async (req, res) => {
    const body = parseInput(selectClusterRequestSchema, req.body);
    require(res, 'ask');
    await requireOwnInstance(res, body.instance);
    const session = sessionOf(res);
    const query = new URLSearchParams({
      instance: body.instance,
      user_id: dbmindUserId(session),
      session_id: dbmindSessionId(session, body.session_id),
    });
    reply(res, await dbmindJson(deps, 'PUT', `/v1/api/clusters?${query.toString()}`));
  });

  router.post('/clusters/register', jsonBody('8kb'), async (req, res) => {
    const body = parseInput(registerClusterRequestSchema, req.body);
    require(res, 'register');
    const host = body.host.includes(':') ? `[${body.host}]` : body.host;
    await requireOwnInstance(res, `${host}:${body.port}`);
    // The password goes to DBMind and nowhere else: not into a log line, not into the answer.
    deps.logger.info(
      { requestId: res.locals.requestId, cluster: body.cluster_name, host: body.host, port: body.port },
      'registering a cluster with DBMind',
    );
    const answer = await dbmindJson(deps, 'POST', '/v1/api/clusters/register', body);
    questionClusters.forget();
    reply(res, answer);
  });

  return router;
}
