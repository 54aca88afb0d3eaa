import { z } from 'zod';
import { dbmindMaxQuestionLength } from '../dbmind/question-limit.ts';

/**
 * The console's chat API (browser <-> BFF). It mirrors DBMind's API, minus `user_id`, which the BFF
 * sets from the session. The rules are DBMind's own: ids of at least two letters, digits or `_`.
 */
const dbmindId = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^\w+$/, 'must contain only letters, digits and _');

export const chatModes = ['tool_interaction', 'fault_diagnostic'] as const;
export type ChatMode = (typeof chatModes)[number];

export const askRequestSchema = z.strictObject({
  query: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(dbmindMaxQuestionLength, `must be at most ${dbmindMaxQuestionLength} characters`),
  session_id: dbmindId,
  mode: z.enum(chatModes, 'must be tool_interaction or fault_diagnostic'),
  history_len: z.union([z.literal(1), z.literal(2), z.literal(3)], 'must be 1, 2 or 3').default(1),
  model_name: z.string().max(128, 'must be at most 128 characters').optional(),
  /** The cluster to ask about (`host:port`, one of the project's); the project's first registered one when absent. */
  instance: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'must be host:port, for example 192.168.100.100:8080')
    .optional(),
  /** Or the DWS cluster to ask about (the panel on a cluster's page): the BFF finds its DBMind instance. */
  cluster_id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be 1 to 64 letters, digits or -')
    .optional(),
});
export type AskRequest = z.input<typeof askRequestSchema>;

export const askAcceptedSchema = z.object({ answer_id: z.string(), events: z.string() });
export type AskAccepted = z.infer<typeof askAcceptedSchema>;

export const selectModelRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(128, 'must be at most 128 characters'),
  session_id: dbmindId,
});
export type SelectModelRequest = z.infer<typeof selectModelRequestSchema>;

export const selectClusterRequestSchema = z.strictObject({
  instance: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'must be host:port, for example 192.168.100.100:8080'),
  session_id: dbmindId,
});
export type SelectClusterRequest = z.infer<typeof selectClusterRequestSchema>;

/** Registering a cluster takes DBMind's own body (`registerClusterRequestSchema` in ../dbmind/clusters.ts). */

/** The codes a `relay-error` event carries besides `bffErrorCodes`: the user stopped the answer. */
export const chatErrorCodes = { stopped: 'CONSOLE.0499' } as const;

/** The SSE events the BFF adds to DBMind's own: an error the relay saw, and the end of the answer. */
export const chatRelayEvents = { error: 'relay-error', end: 'end' } as const;

/** A right of the assistant: whether the session has it, and if not, why (shown beside what it disables). */
export const chatRightSchema = z.object({ allowed: z.boolean(), reason: z.string().optional() });
export type ChatRight = z.infer<typeof chatRightSchema>;

/** `GET /api/dbmind/access`: what the session may do in the assistant, within its own project. */
export const chatAccessSchema = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  ask: chatRightSchema,
  register: chatRightSchema,
  /** How many of the project's DWS clusters the session can see (0: the assistant has nothing to ask about). */
  clusters: z.number().int().min(0),
});
export type ChatAccess = z.infer<typeof chatAccessSchema>;
