import { z } from 'zod/mini';
import { dbmindMaxQuestionLength } from '../dbmind/question-limit.ts';

/**
 * The console's chat API (browser <-> BFF). It mirrors DBMind's API, minus `user_id`, which the BFF
 * sets from the session. The rules are DBMind's own: ids of at least two letters, digits or `_`.
 */
const dbmindId = z
  .string()
  .check(
    z.minLength(2, 'must be at least 2 characters'),
    z.maxLength(64, 'must be at most 64 characters'),
    z.regex(/^\w+$/, 'must contain only letters, digits and _'),
  );

const instance = z
  .string()
  .check(
    z.trim(),
    z.regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'must be host:port, for example 192.168.100.100:8080'),
  );

export const chatModes = ['tool_interaction', 'fault_diagnostic'] as const;
export type ChatMode = (typeof chatModes)[number];

export const askRequestSchema = z.strictObject({
  query: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'is required'),
      z.maxLength(dbmindMaxQuestionLength, `must be at most ${dbmindMaxQuestionLength} characters`),
    ),
  session_id: dbmindId,
  mode: z.enum(chatModes, 'must be tool_interaction or fault_diagnostic'),
  history_len: z._default(z.union([z.literal(1), z.literal(2), z.literal(3)], 'must be 1, 2 or 3'), 1),
  model_name: z.optional(z.string().check(z.maxLength(128, 'must be at most 128 characters'))),
  /** The cluster to ask about (`host:port`, one of the project's); the project's first registered one when absent. */
  instance: z.optional(instance),
  /** Or the DWS cluster to ask about (the panel on a cluster's page): the BFF finds its DBMind instance. */
  cluster_id: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'must be 1 to 64 letters, digits or -')),
  ),
});
export type AskRequest = z.input<typeof askRequestSchema>;

export const askAcceptedSchema = z.object({ answer_id: z.string(), events: z.string() });
export type AskAccepted = z.infer<typeof askAcceptedSchema>;

export const selectModelRequestSchema = z.strictObject({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'is required'), z.maxLength(128, 'must be at most 128 characters')),
  session_id: dbmindId,
});
export type SelectModelRequest = z.infer<typeof selectModelRequestSchema>;

export const selectClusterRequestSchema = z.strictObject({ instance, session_id: dbmindId });
export type SelectClusterRequest = z.infer<typeof selectClusterRequestSchema>;

/** Registering a cluster takes DBMind's own body (`registerClusterRequestSchema` in ../dbmind/clusters.ts). */

/** The codes a `relay-error` event carries besides `bffErrorCodes`: the user stopped the answer. */
export const chatErrorCodes = { stopped: 'CONSOLE.0499' } as const;

/** The SSE events the BFF adds to DBMind's own: an error the relay saw, and the end of the answer. */
export const chatRelayEvents = { error: 'relay-error', end: 'end' } as const;

/** A right of the assistant: whether the session has it, and if not, why (shown beside what it disables). */
export const chatRightSchema = z.object({ allowed: z.boolean(), reason: z.optional(z.string()) });
export type ChatRight = z.infer<typeof chatRightSchema>;

/** `GET /api/dbmind/access`: what the session may do in the assistant, within its own project. */
export const chatAccessSchema = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  ask: chatRightSchema,
  register: chatRightSchema,
  /** How many of the project's DWS clusters the session can see (0: the assistant has nothing to ask about). */
  clusters: z.int().check(z.minimum(0)),
});
export type ChatAccess = z.infer<typeof chatAccessSchema>;
