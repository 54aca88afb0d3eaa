import { z } from 'zod/mini';
import { instanceAddressSchema } from '../dbmind/clusters.ts';
import { dbmindElementSchema } from '../dbmind/elements.ts';
import { dbmindMaxQuestionLength } from '../dbmind/question-limit.ts';
import { boundedJson } from '../http/json-bounds.ts';
import { plainText } from '../http/plain-text.ts';
import { chatModes } from './chat-api.ts';

/**
 * Conversations with the assistant, kept by the BFF per user (browser <-> BFF, `/api/dbmind/conversations`).
 * Nothing of them is kept in the browser: they follow the user to another browser and leave with the session.
 */
export const conversationLimits = {
  /** A user's conversations; creating one more forgets the least recently used. */
  perUser: 100,
  /** A conversation nobody wrote to for this long is forgotten. */
  keepDays: 30,
  titleLength: 80,
  turns: 50,
  /** The progress steps and output elements of one stored answer. */
  answerItems: 1_000,
  /** The largest request that stores one turn (its answer included), in bytes. */
  turnBytes: 512 * 1024,
  /** What one conversation's turns may take, stored as JSON: about four full turns, or fifty ordinary ones. */
  conversationBytes: 2 * 1_048_576,
  /** What all of a user's conversations may take, stored as JSON. */
  userBytes: 8 * 1_048_576,
  /** How deep a stored answer may nest (an answer, its elements, a sort's cards, a card's button: 7). */
  answerDepth: 16,
  /** The values of one stored answer, nested ones included (a table of 1,000 rows of 20 cells is 21,000). */
  answerValues: 50_000,
} as const;

/** Also the DBMind session id of the conversation (letters, digits and `_`, as DBMind wants). */
export const conversationIdSchema = z
  .string()
  .check(z.regex(/^c_[0-9a-f]{16}$/, 'must be c_ and 16 hex digits'));
export const turnIdSchema = z.string().check(z.regex(/^t_[0-9a-f]{16}$/, 'must be t_ and 16 hex digits'));

/** The DWS cluster a conversation is about (the panel on a cluster's page); the BFF maps it to DBMind's instance. */
export const clusterIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'must be 1 to 64 letters, digits or -'));

const title = plainText(
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'is required'),
      z.maxLength(
        conversationLimits.titleLength,
        `must be at most ${conversationLimits.titleLength} characters`,
      ),
    ),
);
const historyLen = z.union([z.literal(1), z.literal(2), z.literal(3)], 'must be 1, 2 or 3');
const mode = z.enum(chatModes, 'must be tool_interaction or fault_diagnostic');
const model = z.string().check(z.minLength(1), z.maxLength(128, 'must be at most 128 characters'));

export const answerStatuses = ['asking', 'streaming', 'done', 'stopped', 'failed'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

/** What an answer showed: kept with the turn, as the answer's own events expire minutes after it ends. */
const storedAnswerShape = z.strictObject({
  /** While it streams, the answer is resumed from the BFF by this id. */
  answer_id: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'must be an answer id'))),
  status: z.enum(answerStatuses),
  last_event_id: z.int().check(z.minimum(0)),
  progress: z
    .array(z.string().check(z.maxLength(1_000, 'must be at most 1000 characters')))
    .check(
      z.maxLength(
        conversationLimits.answerItems,
        `must hold at most ${conversationLimits.answerItems} steps`,
      ),
    ),
  elements: z
    .array(dbmindElementSchema)
    .check(
      z.maxLength(
        conversationLimits.answerItems,
        `must hold at most ${conversationLimits.answerItems} elements`,
      ),
    ),
  error: z.optional(z.string().check(z.maxLength(2_000, 'must be at most 2000 characters'))),
});
export const storedAnswerSchema = boundedJson(storedAnswerShape, {
  depth: conversationLimits.answerDepth,
  values: conversationLimits.answerValues,
});
export type StoredAnswer = z.infer<typeof storedAnswerSchema>;

const question = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'is required'),
    z.maxLength(dbmindMaxQuestionLength, `must be at most ${dbmindMaxQuestionLength} characters`),
  );

export const turnSchema = z.object({
  id: turnIdSchema,
  /** What DBMind was asked. */
  question: z.string(),
  /** What the conversation shows instead, when the question is not meant for reading (an alarm's JSON). */
  shown: z.optional(z.string()),
  mode,
  asked_at: z.int(),
  answer: storedAnswerSchema,
});
export type Turn = z.infer<typeof turnSchema>;

export const conversationSummarySchema = z.object({
  id: conversationIdSchema,
  title: z.string(),
  cluster_id: z.optional(clusterIdSchema),
  mode,
  history_len: historyLen,
  model: z.optional(z.string()),
  /** The DBMind instance chosen on the chat page (`host:port`), for a conversation not bound to a cluster. */
  instance: z.optional(z.string()),
  created_at: z.int(),
  updated_at: z.int(),
  turn_count: z.int().check(z.minimum(0)),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationSchema = z.extend(conversationSummarySchema, { turns: z.array(turnSchema) });
export type Conversation = z.infer<typeof conversationSchema>;

/** `GET /api/dbmind/conversations`: the most recently used first. */
export const conversationListSchema = z.object({ conversations: z.array(conversationSummarySchema) });
export type ConversationList = z.infer<typeof conversationListSchema>;

/** `POST /api/dbmind/conversations`. */
export const createConversationRequestSchema = z.strictObject({
  title,
  cluster_id: z.optional(clusterIdSchema),
  mode: z._default(mode, 'tool_interaction'),
  history_len: z._default(historyLen, 1),
});
export type CreateConversationRequest = z.input<typeof createConversationRequestSchema>;

/** `PATCH /api/dbmind/conversations/:id`: rename, or change what the next question is asked with. */
export const updateConversationRequestSchema = z
  .partial(z.strictObject({ title, mode, history_len: historyLen, model, instance: instanceAddressSchema }))
  .check(
    z.refine(
      (body) => Object.keys(body).length > 0,
      'must change title, mode, history_len, model or instance',
    ),
  );
export type UpdateConversationRequest = z.input<typeof updateConversationRequestSchema>;

/** `POST /api/dbmind/conversations/:id/turns`: a question asked, with its answer as far as it is known. */
export const appendTurnRequestSchema = z.strictObject({
  question,
  shown: z.optional(
    z
      .string()
      .check(z.maxLength(dbmindMaxQuestionLength, `must be at most ${dbmindMaxQuestionLength} characters`)),
  ),
  mode,
  answer: storedAnswerSchema,
});
export type AppendTurnRequest = z.input<typeof appendTurnRequestSchema>;

/** `PUT /api/dbmind/conversations/:id/turns/:turnId`: the answer as it ended. */
export const updateTurnRequestSchema = z.strictObject({ answer: storedAnswerSchema });
export type UpdateTurnRequest = z.input<typeof updateTurnRequestSchema>;

/** `GET /api/dbmind/clusters/:clusterId/binding`: the DBMind instance of a DWS cluster of the session's project. */
export const clusterBindingSchema = z.object({
  cluster_id: clusterIdSchema,
  /** `host:port`; absent while the cluster has no endpoint yet. */
  instance: z.optional(z.string()),
  /** Whether DBMind has it registered (GaussMaster's `managed`): a question can only be answered then. */
  registered: z.boolean(),
});
export type ClusterBinding = z.infer<typeof clusterBindingSchema>;
