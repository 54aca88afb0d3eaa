import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const directorySchema = z.object({
  domains: z
    .array(
      z.object({
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
        users: z.array(
          z.object({
            id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits'),
            name: z.string().min(1),
            password: z.string().min(1),
            actions: z.array(
              z.string().regex(/^[a-z*]+:[A-Za-z*]+:[A-Za-z*]+$/, 'must look like service:resource:action'),
            ),
          }),
        ),
      }),
    )
    .min(1),
});

export type Directory = z.infer<typeof directorySchema>;
export type DirectoryDomain = Directory['domains'][number];
export type DirectoryUser = DirectoryDomain['users'][number];
export type DirectoryProject = DirectoryDomain['projects'][number];

/** Reads the users, projects and allowed actions of the emulated IAM from a JSON file. */
export async function loadDirectory(file: string): Promise<Directory> {
  const parsed = directorySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** `dws:*:*` allows everything, `dws:openAPICluster:*` every cluster action, and so on. */
export function isAllowed(user: DirectoryUser, action: string): boolean {
  const wanted = action.split(':');
  return user.actions.some((granted) =>
    granted.split(':').every((part, i) => part === '*' || part === wanted[i]),
  );
}
