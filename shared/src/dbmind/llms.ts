import { z } from 'zod/mini';
import { dbmindEnvelopeSchema } from './envelope.ts';
import { dbmindIdentifierSchema } from './interaction.ts';

/** `GET /v1/api/llms`: the models that are enabled and answered a probe. */
export const llmListSchema = z.object({ local: z.array(z.string()), online: z.array(z.string()) });
export type LlmList = z.infer<typeof llmListSchema>;
export const llmListResponseSchema = dbmindEnvelopeSchema(llmListSchema);

/** DBMind's default: the model it answers with when neither the session nor its user chose one. */
export function defaultModel(list: LlmList): string | undefined {
  return list.local[0] ?? list.online[0];
}

/** `PUT /v1/api/llms?name=&user_id=&session_id=`: answers `data: true|false`. */
export const switchLlmQuerySchema = z.object({
  name: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .check(z.minLength(1, 'must not be empty'), z.maxLength(10240, 'must be at most 10240 characters')),
  user_id: dbmindIdentifierSchema,
  session_id: dbmindIdentifierSchema,
});
export type SwitchLlmQuery = z.infer<typeof switchLlmQuerySchema>;

/** The answer to `PUT /v1/api/llms`: whether the session now uses the model. */
export const switchLlmResponseSchema = dbmindEnvelopeSchema(z.boolean());

/** The name of the emulator's built-in deterministic model; always listed under `local`. */
export const localRouterModelName = 'local-router';
