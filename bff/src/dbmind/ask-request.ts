import { z } from 'zod';

/**
 * What the browser may ask. `user_id` is not among it: the BFF sets it from the session.
 * The rules are DBMind's own (session ids of at least two letters, digits or underscores).
 */
export const askRequestSchema = z.strictObject({
  query: z.string().trim().min(1, 'is required').max(20_000, 'must be at most 20000 characters'),
  session_id: z
    .string()
    .min(2, 'must be at least 2 characters')
    .max(64, 'must be at most 64 characters')
    .regex(/^\w+$/, 'must contain only letters, digits and _'),
  mode: z.enum(['tool_interaction', 'fault_diagnostic'], 'must be tool_interaction or fault_diagnostic'),
  history_len: z.union([z.literal(1), z.literal(2), z.literal(3)], 'must be 1, 2 or 3').default(1),
  model_name: z.string().max(128, 'must be at most 128 characters').optional(),
});

/** DBMind user ids allow letters, digits and `_` only; IAM names may hold `-` and `.`. */
export function dbmindUserId(domain: string, user: string): string {
  return `${domain}_${user}`.replace(/[^A-Za-z0-9_]/g, '_');
}
