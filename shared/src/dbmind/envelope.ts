import { z } from 'zod/mini';

/** Every non-streaming DBMind answer: `{"data":...,"success":true}` or `{"msg":"...","success":false}`. */
export function dbmindEnvelopeSchema<T extends z.core.$ZodType>(data: T) {
  return z.union([
    z.object({ success: z.literal(true), data }),
    z.object({ success: z.literal(false), msg: z.string() }),
  ]);
}

export const dbmindFailureSchema = z.object({ success: z.literal(false), msg: z.string() });
export type DbmindFailure = z.infer<typeof dbmindFailureSchema>;
