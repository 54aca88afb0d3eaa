import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const peopleSchema = z.object({
  people: z
    .array(
      z.object({
        username: z
          .string()
          .regex(/^[a-z][a-z0-9.-]{0,63}$/, 'must be 1 to 64 lowercase letters, digits, "." or "-"'),
        password: z.string().min(8, 'must be at least 8 characters'),
        name: z.string().min(1),
        email: z.email({ error: 'must be an e-mail address' }),
        /** What the provider says the person belongs to; IAM's mapping rules turn these into user groups. */
        groups: z.array(z.string().min(1)),
      }),
    )
    .min(1),
});

export type DevIdpPerson = z.infer<typeof peopleSchema>['people'][number];

/** Reads the people who can sign in at the development identity provider. */
export async function loadPeople(file: string): Promise<DevIdpPerson[]> {
  const parsed = peopleSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.people;
}
