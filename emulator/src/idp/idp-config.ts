import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The emulator package's folder, whether this runs as source (src/idp/) or bundled (dist/). */
function packageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function readable(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const envSchema = z.object({
  DEV_IDP_HOST: z.string().min(1).default('127.0.0.1'),
  DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(9445),
  DEV_IDP_PEOPLE: z
    .string()
    .min(1)
    .default(path.join(packageDir(), 'config', 'dev-idp.json')),
  DEV_IDP_CLIENT_ID: z.string().min(1).default('dws-console'),
  /** The console's client secret, shared with it through a file (never the environment or the command line). */
  DEV_IDP_CLIENT_SECRET_FILE: z
    .string({ error: 'must name the file holding the console’s client secret' })
    .min(1)
    .refine(
      (file) => (readable(file)?.trim().length ?? 0) >= 32,
      'must be a readable file holding at least 32 characters',
    ),
  DEV_IDP_CONSOLE_URL: z.url({ protocol: /^https$/, error: 'must be the console’s https:// URL' }),
  /** The CA that signed the console's certificate: log-out tokens are posted to the console. */
  DEV_IDP_CONSOLE_CA: z
    .string()
    .min(1)
    .refine((file) => readable(file) !== undefined, 'must be a readable file')
    .optional(),
});

export type DevIdpConfig = z.infer<typeof envSchema>;

/** Reads the development identity provider's settings once; a bad value stops it naming the variable. */
export function loadDevIdpConfig(env: NodeJS.ProcessEnv): DevIdpConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid identity provider configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
