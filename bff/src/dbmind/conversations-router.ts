import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  appendTurnRequestSchema,
  assistantActions,
  bffErrorCodes,
  conversationIdSchema,
  conversationLimits,
  createConversationRequestSchema,
  rolesAllow,
  turnIdSchema,
  updateConversationRequestSchema,
  updateTurnRequestSchema,
  type ConversationList,
  type Turn,
} from '@dws-console/shared';
import { sessionOf } from '../auth/sessions.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { BudgetRefusal, ConversationStore } from './conversation-store.ts';
import { dbmindUserId } from './tenancy.ts';

const randomId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

const mib = (bytes: number) => `${bytes / 1_048_576} MiB`;

/** A spent byte budget: the conversation's and the turn's are the request's size (413), the others a quota (429). */
function budgetSpent(refusal: BudgetRefusal): HttpError {
  switch (refusal) {
    case 'conversation-bytes':
      return new HttpError(
        413,
        bffErrorCodes.validation,
        `turns: a conversation keeps at most ${mib(conversationLimits.conversationBytes)} of questions and answers; start a new conversation.`,
      );
    case 'user-bytes':
      return new HttpError(
        429,
        bffErrorCodes.tooManyRequests,
        `Your conversations keep at most ${mib(conversationLimits.userBytes)} of questions and answers; delete some to keep new ones.`,
      );
    case 'process-bytes':
      return new HttpError(
        429,
        bffErrorCodes.tooManyRequests,
        'The console keeps no more conversations right now; try again later or delete some of yours.',
      );
  }
}

const notFound = () => new HttpError(404, bffErrorCodes.notFound, 'conversation_id: no such conversation.');

/**
 * Whose conversations a session reads: its user's in its project (decisions 025 and 026). What a user was shown
 * in a project stays there, so losing the project (or the right to ask in it) takes its conversations out of
 * reach, and another user's or another project's conversation id answers 404 as if it did not exist.
 */
function ownerOf(res: Response): string {
  const session = sessionOf(res);
  const project = createHash('sha256').update(session.project.id).digest('hex').slice(0, 12);
  return `${dbmindUserId(session)}_p${project}`;
}

/** `/api/dbmind/conversations`: the session user's conversations in the session's project (decision 025). */
export function createConversationsRouter(deps: {
  store: ConversationStore;
  /**
   * Has DBMind answer the new conversation with `preferred`, or with its default model when it will not take
   * that one; answers the model DBMind took, or undefined when it took none.
   */
  pinModel: (
    res: Response,
    conversationId: string,
    preferred: string | undefined,
  ) => Promise<string | undefined>;
  now?: () => number;
}): Router {
  const now = deps.now ?? Date.now;
  const router = Router();
  const owner = ownerOf;
  // The answers kept are what asking showed: a session that may no longer ask is shown none of them.
  router.use((_req, res, next) => {
    const session = sessionOf(res);
    if (rolesAllow(session.roles, assistantActions.ask)) return next();
    next(
      new HttpError(
        403,
        bffErrorCodes.forbidden,
        `Conversations with the assistant need the IAM action ${assistantActions.ask} in project ${session.project.name}.`,
      ),
    );
  });
  const conversationId = (req: Request, res: Response) => {
    const id = conversationIdSchema.safeParse(req.params.conversationId);
    if (!id.success) throw notFound();
    res.locals.resource = id.data;
    return id.data;
  };

  router.get('/', async (_req, res) => {
    const body: ConversationList = { conversations: await deps.store.list(owner(res)) };
    res.json(body);
  });

  /**
   * The model a user chose is theirs, not one conversation's: a new conversation starts with the model of their
   * most recently used one in this project that names one, else with DBMind's default. Either is pinned in
   * DBMind for the new session: left unpinned, DBMind would answer with the user's last choice anywhere, another
   * project's included, which the selector cannot know. A conversation DBMind could not be told about (DBMind
   * unreachable) names no model and is answered as DBMind decides.
   */
  async function pinnedModel(res: Response, id: string): Promise<string | undefined> {
    const chosen = (await deps.store.list(owner(res))).find((c) => c.model !== undefined)?.model;
    return deps.pinModel(res, id, chosen).catch(() => undefined);
  }

  router.post('/', jsonBody('8kb'), async (req, res) => {
    const body = parseInput(createConversationRequestSchema, req.body);
    const id = randomId('c');
    const model = await pinnedModel(res, id);
    const at = now();
    const created = await deps.store.create(owner(res), {
      id,
      ...body,
      ...(model === undefined ? {} : { model }),
      created_at: at,
      updated_at: at,
    });
    res.status(201).json(created);
  });

  router.get('/:conversationId', async (req, res) => {
    const conversation = await deps.store.get(owner(res), conversationId(req, res));
    if (!conversation) throw notFound();
    res.json(conversation);
  });

  router.patch('/:conversationId', jsonBody('8kb'), async (req, res) => {
    const id = conversationId(req, res);
    const change = parseInput(updateConversationRequestSchema, req.body);
    const updated = await deps.store.update(owner(res), id, change);
    if (!updated) throw notFound();
    res.json(updated);
  });

  router.delete('/:conversationId', async (req, res) => {
    if (!(await deps.store.remove(owner(res), conversationId(req, res)))) throw notFound();
    res.status(204).end();
  });

  router.post('/:conversationId/turns', jsonBody(`${conversationLimits.turnBytes}b`), async (req, res) => {
    const id = conversationId(req, res);
    const body = parseInput(appendTurnRequestSchema, req.body);
    const turn: Turn = {
      id: randomId('t'),
      question: body.question,
      ...(body.shown !== undefined && body.shown !== body.question ? { shown: body.shown } : {}),
      mode: body.mode,
      asked_at: now(),
      answer: body.answer,
    };
    const appended = await deps.store.appendTurn(owner(res), id, turn);
    if (appended === 'missing') throw notFound();
    if (appended === 'full') {
      throw new HttpError(
        409,
        bffErrorCodes.conflict,
        `turns: a conversation holds at most ${conversationLimits.turns} turns; start a new conversation.`,
      );
    }
    if (typeof appended === 'string') throw budgetSpent(appended);
    res.status(201).json(appended);
  });

  router.put(
    '/:conversationId/turns/:turnId',
    jsonBody(`${conversationLimits.turnBytes}b`),
    async (req, res) => {
      const id = conversationId(req, res);
      const turnId = turnIdSchema.safeParse(req.params.turnId);
      const { answer } = parseInput(updateTurnRequestSchema, req.body);
      const updated = turnId.success
        ? await deps.store.updateTurn(owner(res), id, turnId.data, answer)
        : undefined;
      if (!updated) throw new HttpError(404, bffErrorCodes.notFound, 'turn_id: no such turn.');
      if (typeof updated === 'string') throw budgetSpent(updated);
      res.json(updated);
    },
  );

  return router;
}
