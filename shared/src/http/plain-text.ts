import { z } from 'zod/mini';

/**
 * Characters a name, title or description never needs and an attacker uses: control characters (C0, DEL, C1),
 * the bidirectional overrides and isolates that make text read differently from what it holds (U+202A-U+202E,
 * U+2066-U+2069), and UTF-16 halves without their other half, which no UTF-8 encoder can write.
 */
const unwanted = /[\p{Cc}\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

export const plainTextRule =
  'must not contain control characters, bidirectional overrides or unpaired surrogates';

export function isPlainText(value: string): boolean {
  return !unwanted.test(value);
}

/** A string schema refined to plain text. */
export const plainText = (schema: z.ZodMiniString<string>) =>
  schema.check(z.refine(isPlainText, plainTextRule));
