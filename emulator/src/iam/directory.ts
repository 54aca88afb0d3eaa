import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { rolesAllow, systemRoles } from '@dws-console/shared';

const directorySchema = z.object({
  domains: z
    .array(
      z
        .object({
          id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits'),
          name: z.string().min(1),
          projects: z
            .array(
              z.object({
                id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits'),
                name: z.string().min(1),
              }),
            )
            .min(1),
          /** User groups: the roles their members hold, per project (by name). Federated users get theirs. */
          groups: z
            .array(
              z.object({
                name: z.string().min(1),
                roles: z.record(z.string(), z.array(z.enum(systemRoles))),
              }),
            )
            .default([]),
          /** OpenID Connect identity providers whose ID tokens IAM exchanges for federated tokens. */
          identity_providers: z
            .array(
              z.object({
                id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"'),
                issuer: z.url({ error: 'must be a URL' }),
                /** The audience ID tokens must name: the console's client id at the provider. */
                client_id: z.string().min(1),
                jwks_uri: z.url({ error: 'must be a URL' }),
                /** Remote claims to local groups: a person gets the groups of every rule that matches them. */
                mapping: z.array(
                  z.object({
                    claim: z.string().min(1),
                    /** Matches when the claim is this value, or a list holding it. */
                    value: z.string(),
                    groups: z.array(z.string().min(1)).min(1),
                  }),
                ),
              }),
            )
            .default([]),
          users: z.array(
            z.object({
              id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits'),
              name: z.string().min(1),
              password: z.string().min(1),
              /** IAM system roles the user holds in every project of the domain, as a group's policies give them. */
              roles: z.array(z.enum(systemRoles)),
              /**
               * The user's bound virtual MFA device. A user with one has login protection by it: every password
               * log-in to the console needs its current code as well.
               */
              virtual_mfa: z
                .object({
                  serial_number: z.string().min(1),
                  secret: z
                    .string()
                    .regex(/^[A-Z2-7]{16,}$/, 'must be a base32 secret of at least 16 characters'),
                })
                .optional(),
            }),
          ),
        })
        .superRefine((domain, context) => {
          const groups = new Set(domain.groups.map((group) => group.name));
          domain.identity_providers.forEach((idp, i) =>
            idp.mapping.forEach((rule, j) =>
              rule.groups.forEach((group, k) => {
                if (!groups.has(group))
                  context.addIssue({
                    code: 'custom',
                    path: ['identity_providers', i, 'mapping', j, 'groups', k],
                    message: `names no group of the domain ("${group}")`,
                  });
              }),
            ),
          );
        }),
    )
    .min(1),
});

export type Directory = z.infer<typeof directorySchema>;
export type DirectoryDomain = Directory['domains'][number];
export type DirectoryUser = DirectoryDomain['users'][number];
export type DirectoryProject = DirectoryDomain['projects'][number];

/** Reads the users, projects and roles of the emulated IAM from a JSON file. */
export async function loadDirectory(file: string): Promise<Directory> {
  const parsed = directorySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Whether the user's roles grant `action`, by the table the console reads the same roles with. */
export function isAllowed(user: DirectoryUser, action: string): boolean {
  return rolesAllow(user.roles, action);
}
